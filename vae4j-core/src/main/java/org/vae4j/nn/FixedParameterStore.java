package org.vae4j.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Serves blocks detached views of their parameters (same storage, no gradient), so that a backward
 * pass through the model under a gradient collector reaches only the caller's own leaves: no gradient
 * is computed for, or accumulated into, any parameter of the model. The views belong to the manager
 * given and are freed when it closes. It is also the store for inference: an op on a parameter's own
 * array (a transposed kernel, a reshaped bias) would land in the model's manager and stay there until the
 * model closes, one more array per batch; on a view it lands in the batch's manager.
 */
public final class FixedParameterStore extends ParameterStore {

    private final Map<Parameter, NDArray> views = new IdentityHashMap<>();

    public FixedParameterStore(NDManager manager) {
        super(manager, false);
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null;
        }
        return views.computeIfAbsent(parameter, p -> detached(p.getArray(), getManager()));
    }

    /** A detached view of {@code array} (null stays null) owned by {@code manager}. */
    public static NDArray detached(NDArray array, NDManager manager) {
        if (array == null) {
            return null;
        }
        NDArray view = array.stopGradient();
        view.attach(manager);
        return view;
    }
}
