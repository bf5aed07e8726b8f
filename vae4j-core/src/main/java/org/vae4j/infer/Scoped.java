package org.vae4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Arrays handed to a batch's, chunk's or step's sub-manager, so that what is computed from them lands
 * there and is freed with it rather than in the caller's manager. Null stays null (no condition).
 */
final class Scoped {

    private Scoped() {
    }

    /** Rows start..end-1 of the first axis of {@code array}, owned by {@code manager}. */
    static NDArray rows(NDArray array, int start, int end, NDManager manager) {
        if (array == null) {
            return null;
        }
        NDArray rows = array.get(new NDIndex("{}:{}", start, end));
        rows.attach(manager);
        return rows;
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
