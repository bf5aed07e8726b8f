package org.vae4j.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves blocks "fresh leaves" for one training step: for each parameter a detached view of its
 * array (same storage) that requires a gradient. After backward, {@link #gradient} gives each leaf's
 * gradient, new every step, so no gradient accumulates across steps and nothing needs zeroing. All
 * leaves and gradients belong to the step's manager and are freed when it closes.
 */
public final class LeafParameterStore extends ParameterStore {

    private final Map<Parameter, NDArray> leaves = new IdentityHashMap<>();

    public LeafParameterStore(NDManager step, List<Parameter> parameters) {
        super(step, false);
        for (Parameter parameter : parameters) {
            NDArray leaf = parameter.getArray().stopGradient();
            leaf.attach(step);
            leaf.setRequiresGradient(true);
            leaves.put(parameter, leaf);
        }
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null;
        }
        NDArray leaf = leaves.get(parameter);
        return leaf != null ? leaf : parameter.getArray();
    }

    /** d loss / d parameter after backward, in the step's manager. */
    public NDArray gradient(Parameter parameter) {
        NDArray grad = leaves.get(parameter).getGradient();
        grad.attach(getManager());
        return grad;
    }
}
