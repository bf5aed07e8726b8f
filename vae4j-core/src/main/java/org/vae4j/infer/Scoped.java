package org.vae4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Arrays handed to a batch's, chunk's or step's sub-manager, so that what is computed from them lands
 * there and is freed with it rather than in the caller's manager. Null stays null (no condition). Row
 * blocks are cut by {@link org.vae4j.data.Rows#slice}.
 */
final class Scoped {

    private Scoped() {
    }

    /** A copy of {@code array} owned by {@code manager}. */
    static NDArray copy(NDArray array, NDManager manager) {
        if (array == null) {
            return null;
        }
        NDArray copy = array.duplicate();
        copy.attach(manager);
        return copy;
    }
}
