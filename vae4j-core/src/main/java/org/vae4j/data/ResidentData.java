package org.vae4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import org.vae4j.dist.Ops;

/**
 * A dataset held by the engine as one array [N, D], from which batches are sliced; the labels stay
 * on the Java side.
 */
public record ResidentData(NDArray x, int[] labels) implements Rows {

    /**
     * Copies the values of {@code data} into one engine array owned by {@code manager}. 8-bit images
     * cross as bytes and are scaled by the engine, so no float copy is made on the Java heap.
     */
    public static ResidentData of(Dataset data, NDManager manager) {
        Shape shape = new Shape(data.n(), data.dim());
        if (data.pixels() == null) {
            return new ResidentData(manager.create(data.x(), shape), data.labels());
        }
        try (NDArray pixels = manager.create(ByteBuffer.wrap(data.pixels()), shape, DataType.UINT8);
                NDArray scale = Ops.scalar(manager, 255)) {
            return new ResidentData(pixels.toType(DataType.FLOAT32, false).divi(scale), data.labels());
        }
    }

    @Override
    public int size() {
        return Math.toIntExact(x.getShape().get(0));
    }

    @Override
    public int dim() {
        return Math.toIntExact(x.getShape().get(1));
    }

    @Override
    public NDArray rows(int start, int end, NDManager manager) {
        return Rows.slice(x, start, end, manager);
    }
}
