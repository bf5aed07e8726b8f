package org.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sub-pixel form equals the definition of a transposed convolution, computed directly in float64. */
class TransposedConv2dTest {

    @ParameterizedTest
    @CsvSource({"3, 4, 0, 0", "3, 4, 1, 0", "5, 2, 0, 1", "1, 1, 1, 1", "7, 6, 1, 1"})
    void equalsTheDefinition(int h, int w, int padRows, int padCols) {
        int n = 2;
        int in = 3;
        int out = 5;
        SplittableRandom random = new SplittableRandom(h * 31 + w);
        double[] x = random.doubles((long) n * in * h * w, -1, 1).toArray();
        double[] k = random.doubles((long) in * out * 16, -1, 1).toArray();
        double[] b = random.doubles(out, -1, 1).toArray();
        int oh = 2 * h + padRows;
        int ow = 2 * w + padCols;
        double[] expected = new double[n * out * oh * ow];
        // y[n, o, r, c] = b[o] + sum_{i, m, q, kr, kc : r = 2m - 1 + kr, c = 2q - 1 + kc} x[n, i, m, q] W[i, o, kr, kc]
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) {
                for (int r = 0; r < oh; r++) {
                    for (int c = 0; c < ow; c++) {
                        double sum = b[o];
                        for (int i = 0; i < in; i++) {
                            for (int kr = 0; kr < 4; kr++) {
                                for (int kc = 0; kc < 4; kc++) {
                                    int mr = r + 1 - kr;
                                    int mc = c + 1 - kc;
                                    if (mr % 2 != 0 || mc % 2 != 0 || mr < 0 || mc < 0 || mr / 2 >= h || mc / 2 >= w) {
                                        continue;
                                    }
                                    sum += x[((s * in + i) * h + mr / 2) * w + mc / 2] * k[((i * out + o) * 4 + kr) * 4 + kc];
                                }
                            }
                        }
                        expected[((s * out + o) * oh + r) * ow + c] = sum;
                    }
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = TransposedConv2d.apply(m.create(x, new Shape(n, in, h, w)), m.create(k, new Shape(in, out, 4, 4)),
                    m.create(b, new Shape(out)), new int[] {padRows, padCols});
            assertEquals(new Shape(n, out, oh, ow), y.getShape());
            assertEquals(DataType.FLOAT64, y.getDataType());
            assertArrayEquals(expected, y.toDoubleArray(), 1e-12);
        }
    }

    /** Autograd's gradient of sum(y * r) equals central differences, for the input, the kernel and the bias. */
    @ParameterizedTest
    @CsvSource({"2, 3, 0, 0", "3, 2, 1, 1"})
    void gradientsMatchFiniteDifferences(int h, int w, int padRows, int padCols) {
        SplittableRandom random = new SplittableRandom(7 * h + w);
        int n = 2;
        int in = 2;
        int out = 3;
        double[] x = random.doubles((long) n * in * h * w, -1, 1).toArray();
        double[] k = random.doubles((long) in * out * 16, -1, 1).toArray();
        double[] b = random.doubles(out, -1, 1).toArray();
        int[] pad = {padRows, padCols};
        double[] r = random.doubles((long) n * out * (2 * h + padRows) * (2 * w + padCols), -1, 1).toArray();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xa = m.create(x, new Shape(n, in, h, w));
            NDArray ka = m.create(k, new Shape(in, out, 4, 4));
            NDArray ba = m.create(b, new Shape(out));
            NDArray weights = m.create(r, new Shape(n, out, 2 * h + padRows, 2 * w + padCols));
            for (NDArray a : new NDArray[] {xa, ka, ba}) {
                a.setRequiresGradient(true);
            }
            try (ai.djl.training.GradientCollector c = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray loss = TransposedConv2d.apply(xa, ka, ba, pad).mul(weights).sum();
                c.backward(loss);
            }
            double[][] values = {x, k, b};
            NDArray[] arrays = {xa, ka, ba};
            Shape[] shapes = {xa.getShape(), ka.getShape(), ba.getShape()};
            for (int a = 0; a < 3; a++) {
                double[] grad = arrays[a].getGradient().toDoubleArray();
                for (int j = 0; j < values[a].length; j++) {
                    double original = values[a][j];
                    values[a][j] = original + 1e-6;
                    double plus = loss(m, values, shapes, weights, pad);
                    values[a][j] = original - 1e-6;
                    double minus = loss(m, values, shapes, weights, pad);
                    values[a][j] = original;
                    assertEquals((plus - minus) / 2e-6, grad[j], 1e-6, "array " + a + " [" + j + "]");
                }
            }
        }
    }

    private static double loss(NDManager m, double[][] values, Shape[] shapes, NDArray weights, int[] pad) {
        try (NDManager s = m.newSubManager()) {
            return TransposedConv2d.apply(s.create(values[0], shapes[0]), s.create(values[1], shapes[1]),
                    s.create(values[2], shapes[2]), pad).mul(weights).sum().toDoubleArray()[0];
        }
    }
}
