package org.vae4j.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;
import org.vae4j.dist.Ops;
import org.vae4j.nn.ParameterVector;
import org.vae4j.error.SettingException;

/**
 * Adam (Kingma and Ba 2015) with exactly PyTorch's update, so curves compare with torch.optim.Adam:
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
 * The step runs as the engine's fused in-place update, which takes the hyper-parameters as float32:
 * 1 - 0.999f differs from 1e-3 by 1.3e-5 relative, so an update differs from torch's double-precision
 * one by about 7e-6 of its size. The moments live in the optimizer's own manager.
 */
public final class Adam implements AutoCloseable {

    /** The arrays updated in place: the parameters' own, or the one vector they are views of. */
    private final List<NDArray> tensors;
    /** The number of gradients an update takes (one per parameter). */
    private final int gradientCount;
    /** Whether the gradients are concatenated to update one parameter vector. */
    private final boolean vectorized;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final NDManager manager;
    private final NDArray[] firstMoments;
    private final NDArray[] secondMoments;
    private long step;

    /** Adam over each parameter's own array, betas 0.9 and 0.999, eps 1e-8. */
    public Adam(List<Parameter> parameters, double learningRate, NDManager parent) {
        this(parameters, learningRate, 0.9, 0.999, 1e-8, parent);
    }

    public Adam(List<Parameter> parameters, double learningRate, double beta1, double beta2, double eps,
            NDManager parent) {
        this(parameters.stream().map(Parameter::getArray).toList(), parameters.size(), false, learningRate, beta1,
                beta2, eps, parent);
    }

    /**
     * Adam over a parameter vector in one fused call per step; {@link #update} still takes one
     * gradient per parameter, in the vector's order.
     */
    public static Adam forVector(ParameterVector vector, double learningRate, NDManager parent) {
        return new Adam(List.of(vector.vector()), vector.parameters().size(), true, learningRate, 0.9, 0.999, 1e-8,
                parent);
    }

    private Adam(List<NDArray> tensors, int gradientCount, boolean vectorized, double learningRate, double beta1,
            double beta2, double eps, NDManager parent) {
        if (!(learningRate > 0)) {
            throw new SettingException("learningRate", "the learning rate", "must be positive, got " + learningRate);
        }
        this.tensors = List.copyOf(tensors);
        this.gradientCount = gradientCount;
        this.vectorized = vectorized;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.manager = parent.newSubManager();
        this.firstMoments = new NDArray[tensors.size()];
        this.secondMoments = new NDArray[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            NDArray p = tensors.get(i);
            firstMoments[i] = manager.zeros(p.getShape(), p.getDataType());
            secondMoments[i] = manager.zeros(p.getShape(), p.getDataType());
        }
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
        if (gradients.size() != gradientCount) {
            throw new IllegalArgumentException(gradients.size() + " gradients for " + gradientCount + " parameters");
        }
        if (vectorized) {
            try (NDArray vectorGradient = ParameterVector.concat(gradients)) {
                step(List.of(vectorGradient));
            }
        } else {
            step(gradients);
        }
    }

    private void step(List<NDArray> gradients) {
        step++;
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        // torch's update with the corrections folded in: p -= stepSize * m / (sqrt(v) + epsHat)
        float stepSize = (float) (learningRate * biasCorrection2Sqrt / biasCorrection1);
        float epsHat = (float) (eps * biasCorrection2Sqrt);
        for (int i = 0; i < firstMoments.length; i++) {
            NDArray p = tensors.get(i);
            // the engine's fused in-place Adam step: m, v and p updated in one native call
            p.getNDArrayInternal().adamUpdate(new NDList(p, gradients.get(i), firstMoments[i], secondMoments[i]),
                    new NDList(p), (float) learningRate, stepSize, 0f, 1f, -1f, (float) beta1, (float) beta2,
                    epsHat, false, false);
        }
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
