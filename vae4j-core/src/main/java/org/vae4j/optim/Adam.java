package org.vae4j.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.util.ArrayList;
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
    /** [lr, b1, b2, eps] in float64, as the fused kernel takes them. */
    private final NDArray hyper;
    private long step;

    /** Adam over each parameter's own array, betas 0.9 and 0.999, eps 1e-8. */
    public Adam(List<Parameter> parameters, double learningRate, NDManager parent) {
        this(parameters, learningRate, 0.9, 0.999, 1e-8, parent);
    }

    public Adam(List<Parameter> parameters, double learningRate, double beta1, double beta2, double eps,
            NDManager parent) {
        this(parameters.stream().map(Parameter::getArray).toList(), false, learningRate, beta1, beta2, eps, parent);
    }

    /**
     * Adam over the parameters of a parameter vector, whose moments are vectors too (so its state is two
     * vectors); {@link #update} takes one gradient per parameter, in the vector's order.
     */
    public static Adam forVector(ParameterVector vector, double learningRate, NDManager parent) {
        return new Adam(vector.parameters().stream().map(Parameter::getArray).toList(), true, learningRate, 0.9,
                0.999, 1e-8, parent);
    }

    private Adam(List<NDArray> parameters, boolean vectorMoments, double learningRate, double beta1, double beta2,
            double eps, NDManager parent) {
        if (!(learningRate > 0)) {
            throw new SettingException("learningRate", "the learning rate", "must be positive, got " + learningRate);
        }
        this.parameters = List.copyOf(parameters);
        this.manager = parent.newSubManager();
        this.hyper = manager.create(new double[] {learningRate, beta1, beta2, eps});
        if (vectorMoments) {
            long size = parameters.stream().mapToLong(NDArray::size).sum();
            DataType type = parameters.get(0).getDataType();
            this.firstMoments = new NDArray[] {manager.zeros(new Shape(size), type)};
            this.secondMoments = new NDArray[] {manager.zeros(new Shape(size), type)};
            this.firstViews = viewsOf(firstMoments[0], parameters);
            this.secondViews = viewsOf(secondMoments[0], parameters);
        } else {
            this.firstMoments = parameters.stream().map(p -> manager.zeros(p.getShape(), p.getDataType()))
                    .toArray(NDArray[]::new);
            this.secondMoments = parameters.stream().map(p -> manager.zeros(p.getShape(), p.getDataType()))
                    .toArray(NDArray[]::new);
            this.firstViews = List.of(firstMoments);
            this.secondViews = List.of(secondMoments);
        }
    }

    /** Consecutive slices of {@code vector} shaped as the parameters. */
    private static List<NDArray> viewsOf(NDArray vector, List<NDArray> parameters) {
        List<NDArray> views = new ArrayList<>(parameters.size());
        long offset = 0;
        for (NDArray p : parameters) {
            views.add(vector.get(new NDIndex().addSliceDim(offset, offset + p.size())).reshape(p.getShape()));
            offset += p.size();
        }
        return List.copyOf(views);
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
        java.util.Arrays.fill(steps, t);
        IValue[] arguments = {list(parameters), list(gradients), list(firstViews), list(secondViews),
            IValue.listFrom(steps), IValue.from((PtNDArray) hyper)};
        try {
            IValueUtils.runMethod(FusedAdam.MODULE, "forward", arguments).close();
        } finally {
            for (IValue argument : arguments) {
                argument.close();
            }
        }
    }

    private static IValue list(List<NDArray> arrays) {
        return IValue.listFrom(arrays.stream().map(PtNDArray.class::cast).toArray(PtNDArray[]::new));
    }

    /** The state to save for a resume: t, then m and v of each parameter. */
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
