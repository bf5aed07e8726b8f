package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResidentDataTest {

    private static final int N = 5;
    private static final int D = 6;

    @Test
    void pixelsStayBytesAndEveryBatchHasTheDatasetsFloats() {
        byte[] pixels = new byte[N * D];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37 % 256);     // 0, 37, 74, ..., 255 among them
        }
        pixels[7] = (byte) 255;
        Dataset data = Dataset.ofPixels("tiny", pixels, new int[] {4, 3, 2, 1, 0}, N, 2, 3);
        float[] expected = data.x();
        try (NDManager m = NDManager.newBaseManager()) {
            ResidentData resident = ResidentData.of(data, m);
            assertEquals(N, resident.size());
            assertEquals(D, resident.dim());
            assertArrayEquals(new int[] {4, 3, 2, 1, 0}, resident.labels());
            // one byte per value in the engine
            assertEquals(DataType.UINT8, resident.storedType());
            try (NDManager batch = m.newSubManager()) {
                NDArray rows = resident.rows(1, 3, batch);
                assertEquals(DataType.FLOAT32, rows.getDataType());
                assertEquals(new Shape(2, D), rows.getShape());
                assertArrayEquals(Arrays.copyOfRange(expected, D, 3 * D), rows.toFloatArray());

                NDArray picked = resident.gather(new int[] {4, 1, 1}, batch);
                float[] want = new float[3 * D];
                System.arraycopy(expected, 4 * D, want, 0, D);
                System.arraycopy(expected, D, want, D, D);
                System.arraycopy(expected, D, want, 2 * D, D);
                assertArrayEquals(want, picked.toFloatArray());
                assertEquals(1f, resident.rows(1, 2, batch).toFloatArray()[1]);   // pixel 255 is exactly 1
            }
        }
    }

    @Test
    void floatValuesAreHandedOutAsTheyAre() {
        float[] x = new float[N * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i) * 3;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            ResidentData resident = ResidentData.of(Dataset.tabular("t", x, null, N, D), m);
            assertArrayEquals(Arrays.copyOfRange(x, 2 * D, 3 * D),
                    resident.gather(new int[] {2}, m).toFloatArray());
            assertEquals(DataType.FLOAT32, resident.storedType());
            assertArrayEquals(x, resident.rows(0, N, m).toFloatArray());
            assertThrows(IllegalArgumentException.class,
                    () -> new ResidentData(m.zeros(new Shape(2, 2), DataType.INT32), null));
        }
    }
}
