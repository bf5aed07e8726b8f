package org.vae4j.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.util.Arrays;
import java.util.List;
import org.vae4j.dist.Ops;
import org.vae4j.nn.ParameterVector;
import org.vae4j.error.SettingException;
import org.vae4j.host.TorchScript;

/**
 * Adam (Kingma and Ba 2015) with exactly PyTorch's update, so curves compare with torch.optim.Adam:
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
 * The step is PyTorch's own fused kernel ({@code torch.optim.Adam(fused=True)}), run through a TorchScript
 * module ({@code fused_adam.pt}, made by {@code src/main/torchscript/fused_adam.py}): one pass over each
 * parameter, its gradient and both moments, with the hyper-parameters in double precision. The moments
 * live in the optimizer's own manager.
 */
public final class Adam implements AutoCloseable {

    /** Loaded on first use; it has no state, so every optimizer shares it. */
    private static final class FusedAdam {
        static final PtSymbolBlock MODULE = TorchScript.load(Adam.class, "fused_adam.pt");
    }

    /** The arrays updated in place, one per parameter (views of the parameter vector, if there is one). */
    private final List<NDArray> parameters;
    private final NDManager manager;
    /** m and v as saved: one array each per parameter, or one each for a parameter vector. */
    private final NDArray[] firstMoments;
    private final NDArray[] secondMoments;
    /** m and v per parameter, views of the arrays above. */
    private final List<NDArray> firstViews;
    private final List<NDArray> secondViews;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private long step;

    /** Adam over each parameter's own array, betas 0.9 and 0.999, eps 1e-8. */
    public Adam(List<Parameter> parameters, double learningRate, NDManager parent) {
        this(parameters, learningRate, 0.9, 0.999, 1e-8, parent);
    }

    public Adam(List<Parameter> parameters, double learningRate, double beta1, double beta2, double eps,
            NDManager parent) {
        this(parameters, null, learningRate, beta1, beta2, eps, parent);
    }

    /**
     * Adam over the parameters of a parameter vector, whose moments are vectors too (so its state is two
     * vectors); {@link #update} takes one gradient per parameter, in the vector's order.
     */
    public static Adam forVector(ParameterVector vector, double learningRate, NDManager parent) {
        return new Adam(vector.parameters(), vector, learningRate, 0.9, 0.999, 1e-8, parent);
    }

    /** @param vector the parameters' vector, whose layout the moments take; null for moments per parameter */
    private Adam(List<Parameter> parameters, ParameterVector vector, double learningRate, double beta1,
            double beta2, double eps, NDManager parent) {
        if (!(learningRate > 0)) {
            throw new SettingException("learningRate", "the learning rate", "must be positive, got " + learningRate);
        }
        this.parameters = parameters.stream().map(Parameter::getArray).toList();
        this.manager = parent.newSubManager();
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        // the moments as saved take the parameters' layout: one vector, or one array per parameter
        List<NDArray> layout = vector != null ? List.of(vector.vector()) : this.parameters;
        this.firstMoments = zerosLike(layout);
        this.secondMoments = zerosLike(layout);
        this.firstViews = vector != null ? vector.viewsOf(firstMoments[0]) : List.of(firstMoments);
        this.secondViews = vector != null ? vector.viewsOf(secondMoments[0]) : List.of(secondMoments);
    }

    /** The number of updates made so far (t). */
    public long stepCount() {
        return step;
    }

    /**
     * One update of every parameter in place, from gradients in the same order as the parameters.
     * Call outside any gradient collector.
     */
    public void update(List<NDArray> gradients) {
        if (gradients.size() != parameters.size()) {
            throw new IllegalArgumentException(gradients.size() + " gradients for " + parameters.size() + " parameters");
        }
        step++;
        // t for every parameter (the kernel reads it; torch keeps it as a float32 tensor too), in the step's manager
        PtNDArray t = (PtNDArray) gradients.get(0).getManager().create((float) step);
        PtNDArray[] steps = new PtNDArray[parameters.size()];
        Arrays.fill(steps, t);
        IValue[] arguments = {list(parameters), list(gradients), list(firstViews), list(secondViews),
            IValue.listFrom(steps), IValue.from(learningRate), IValue.from(beta1), IValue.from(beta2), IValue.from(eps)};
        try {
            IValueUtils.runMethod(FusedAdam.MODULE, "forward", arguments).close();
        } finally {
            for (IValue argument : arguments) {
                argument.close();
            }
        }
    }

    /** Zeros shaped as each of {@code arrays}, in the optimizer's manager. */
    private NDArray[] zerosLike(List<NDArray> arrays) {
        return arrays.stream().map(a -> manager.zeros(a.getShape(), a.getDataType())).toArray(NDArray[]::new);
    }

    private static IValue list(List<NDArray> arrays) {
        return IValue.listFrom(arrays.stream().map(PtNDArray.class::cast).toArray(PtNDArray[]::new));
    }

    /**
     * The state to save for a resume: t, then m and v of each moment array (one pair for a parameter
     * vector, one per parameter otherwise).
     */
    public NDList state() {
        NDList state = new NDList();
        state.add(manager.create(new long[] {step}));
        for (int i = 0; i < firstMoments.length; i++) {
            state.add(firstMoments[i]);
            state.add(secondMoments[i]);
        }
        return state;
    }

    /** Restores a state made by {@link #state()} for the same parameters. */
    public void restore(NDList state) {
        if (state.size() != 1 + 2 * firstMoments.length) {
            throw new IllegalArgumentException("optimizer state has " + state.size() + " arrays, expected "
                    + (1 + 2 * firstMoments.length));
        }
        step = state.get(0).toLongArray()[0];
        for (int i = 0; i < firstMoments.length; i++) {
            NDArray m = state.get(1 + 2 * i);
            NDArray v = state.get(2 + 2 * i);
            if (!m.getShape().equals(firstMoments[i].getShape()) || !v.getShape().equals(secondMoments[i].getShape())) {
                throw new IllegalArgumentException("optimizer state does not match the model's parameter " + i);
            }
            Ops.assign(firstMoments[i], m.toFloatArray());
            Ops.assign(secondMoments[i], v.toFloatArray());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
