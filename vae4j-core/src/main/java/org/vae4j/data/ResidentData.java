package org.vae4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.vae4j.dist.Ops;

/**
 * A dataset held by the engine as one array [N, D], from which batches are cut; the labels stay on the
 * Java side. 8-bit images stay 8-bit in the engine, a byte per value: Fashion-MNIST's training set
 * takes 47 MB instead of 188 MB as floats. Every batch handed out is float32, the pixels scaled as
 * x = pixel / 255 (the same division, so the same floats, as scaling the whole set at once).
 */
public final class ResidentData implements Rows {

    /** [N, D]: float32 values, or uint8 pixels whose values are pixel / 255. */
    private final NDArray stored;
    private final int[] labels;

    /**
     * Data the engine already holds: {@code stored} [N, D] float32 values, or uint8 pixels whose values are
     * pixel / 255; one label per row, or null.
     */
    public ResidentData(NDArray stored, int[] labels) {
        if (stored.getDataType() != DataType.FLOAT32 && stored.getDataType() != DataType.UINT8) {
            throw new IllegalArgumentException("resident data must be float32 values or uint8 pixels, got "
                    + stored.getDataType());
        }
        this.stored = stored;
        this.labels = labels;
    }

    /**
     * Copies {@code data} into one engine array owned by {@code manager}: 8-bit images as their bytes,
     * other data as floats. No float copy is made on the Java heap for images.
     */
    public static ResidentData of(Dataset data, NDManager manager) {
        Shape shape = new Shape(data.n(), data.dim());
        if (data.pixels() == null) {
            return new ResidentData(manager.create(data.x(), shape), data.labels());
        }
        return new ResidentData(manager.create(ByteBuffer.wrap(data.pixels()), shape, DataType.UINT8), data.labels());
    }

    @Override
    public int size() {
        return Math.toIntExact(stored.getShape().get(0));
    }

    @Override
    public int dim() {
        return Math.toIntExact(stored.getShape().get(1));
    }

    @Override
    public int[] labels() {
        return labels;
    }

    /** How the values are held: FLOAT32, or UINT8 for 8-bit images. */
    DataType storedType() {
        return stored.getDataType();
    }

    /** The manager that holds the data: batches live in sub-managers of it. */
    public NDManager manager() {
        return stored.getManager();
    }

    @Override
    public NDArray rows(int start, int end, NDManager manager) {
        return asValues(Rows.slice(stored, start, end, manager));
    }

    /** The rows {@code indices}, in that order, as float values [indices.length, D] owned by {@code manager}. */
    public NDArray gather(int[] indices, NDManager manager) {
        NDArray picked = stored.get(manager.create(Arrays.stream(indices).asLongStream().toArray()));
        picked.attach(manager);
        return asValues(picked);
    }

    /** Float values of rows cut from the stored array, in the rows' manager. */
    private static NDArray asValues(NDArray rows) {
        if (rows.getDataType() == DataType.FLOAT32) {
            return rows;
        }
        // x = pixel / 255
        try (NDArray scale = Ops.scalar(rows.getManager(), 255)) {
            return rows.toType(DataType.FLOAT32, false).divi(scale);
        }
    }
}
