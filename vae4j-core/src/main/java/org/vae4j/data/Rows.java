package org.vae4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Examples handed out in blocks of rows, for loops that work batch by batch: from data the engine holds
 * ({@link ResidentData}) or copied from a {@link Dataset} one block at a time, so that memory holds one
 * block, not the whole set.
 */
public interface Rows {

    /** N, the number of examples. */
    int size();

    /** D, the values per example. */
    int dim();

    /** One class label per example, or null for unlabelled data. */
    int[] labels();

    /** Rows start..end-1 as an array [end - start, D] owned by {@code manager}. */
    NDArray rows(int start, int end, NDManager manager);

    /** The labels of rows start..end-1, or null for unlabelled data. */
    default int[] labels(int start, int end) {
        return labels() == null ? null : Arrays.copyOfRange(labels(), start, end);
    }

    /** The examples of {@code data}, copied into the engine one block at a time. */
    static Rows of(Dataset data) {
        return new Rows() {
            @Override
            public int size() {
                return data.n();
            }

            @Override
            public int dim() {
                return data.dim();
            }

            @Override
            public int[] labels() {
                return data.labels();
            }

            @Override
            public NDArray rows(int start, int end, NDManager manager) {
                float[] values = new float[(end - start) * data.dim()];
                data.copyValues(start * data.dim(), values, 0, values.length);
                return manager.create(values, new Shape(end - start, data.dim()));
            }
        };
    }

    /** Rows start..end-1 of the first axis of {@code array}, owned by {@code manager} (null stays null). */
    static NDArray slice(NDArray array, int start, int end, NDManager manager) {
        if (array == null) {
            return null;
        }
        NDArray rows = array.get(new NDIndex("{}:{}", start, end));
        rows.attach(manager);
        return rows;
    }
}
