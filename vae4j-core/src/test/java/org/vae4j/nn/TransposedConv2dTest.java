package org.vae4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both forms of the transposed convolution, PyTorch's own (16 input and output channels here) and the
 * sub-pixel one (fewer), equal its definition computed directly in float64, with gradients equal to central
 * differences; in float32 they equal float64 on the shapes of the conv VAEs' decoders and on a shape where
 * libtorch's own float32 transposed convolution is wrong.
 */
class TransposedConv2dTest {

    @ParameterizedTest
    @CsvSource({"3, 4, 0, 0, 3, 5", "3, 4, 1, 0, 3, 5", "5, 2, 0, 1, 3, 5", "1, 1, 1, 1, 3, 5", "7, 6, 1, 1, 3, 5",
        "3, 4, 0, 0, 16, 16", "5, 2, 0, 1, 16, 16", "7, 6, 1, 1, 16, 16", "3, 4, 1, 0, 16, 5"})
    void equalsTheDefinition(int h, int w, int padRows, int padCols, int in, int out) {
        int n = 2;
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
    @CsvSource({"2, 3, 0, 0, 2, 3", "3, 2, 1, 1, 2, 3", "2, 3, 0, 0, 16, 16", "3, 2, 1, 0, 16, 16"})
    void gradientsMatchFiniteDifferences(int h, int w, int padRows, int padCols, int in, int out) {
        SplittableRandom random = new SplittableRandom(7 * h + w);
        int n = 2;
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

    /**
     * In float32, output and gradients equal float64's. The shapes: the default conv VAE's two layers, a
     * colour decoder's last layer, 24 -> 3, 48 -> 24, 32 -> 48 and 64 -> 80 channels, where libtorch 2.7.1's
     * own float32 transposed convolution is wrong (so they take the sub-pixel form), and two more of
     * PyTorch's own form with output paddings.
     */
    @ParameterizedTest(name = "batch {0}, {1} -> {2} channels, {3}x{4}, output padding {5},{6}")
    @CsvSource({"16, 64, 32, 7, 7, 0, 0", "16, 32, 1, 14, 14, 0, 0", "8, 32, 3, 16, 16, 1, 1", "8, 24, 3, 4, 4, 1, 0",
        "8, 16, 1, 13, 4, 1, 0", "8, 32, 16, 13, 4, 1, 0", "8, 48, 32, 5, 7, 1, 1", "8, 48, 24, 7, 7, 0, 0",
        "8, 32, 48, 4, 5, 1, 1", "4, 64, 80, 4, 4, 0, 0"})
    void float32IsFloat64sResult(int n, int in, int out, int h, int w, int padRows, int padCols) {
        SplittableRandom random = new SplittableRandom(in * 100 + out);
        double[] x = random.doubles((long) n * in * h * w, -1, 1).toArray();
        double[] k = random.doubles((long) in * out * 16, -0.3, 0.3).toArray();
        double[] b = random.doubles(out, -1, 1).toArray();
        int[] pad = {padRows, padCols};
        double[] r = random.doubles((long) n * out * (2 * h + padRows) * (2 * w + padCols), -1, 1).toArray();
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] single = outputAndGradients(m, DataType.FLOAT32, x, k, b, r, new int[] {n, in, out, h, w}, pad);
            double[][] exact = outputAndGradients(m, DataType.FLOAT64, x, k, b, r, new int[] {n, in, out, h, w}, pad);
            String[] names = {"output", "input gradient", "weight gradient", "bias gradient"};
            Float64Reference.assertNear(names, single, exact);
        }
    }

    /**
     * Why the rule: libtorch 2.7.1's own float32 transposed convolution, 24 -> 3 channels with an output
     * padding, is far from float64's. When a new engine fixes it, this fails and the rule can go.
     */
    @Test
    void libtorchsOwnFloat32IsWrongForTwentyFourInputChannels() {
        SplittableRandom random = new SplittableRandom(5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(random.doubles(8 * 24 * 16, -1, 1).toArray(), new Shape(8, 24, 4, 4));
            NDArray k = m.create(random.doubles(24 * 3 * 16, -0.3, 0.3).toArray(), new Shape(24, 3, 4, 4));
            NDArray b = m.create(random.doubles(3, -1, 1).toArray(), new Shape(3));
            int[] pad = {1, 0};
            double[] exact = TorchConvTranspose2d.apply(x, k, b, pad).toDoubleArray();
            double[] single = Float64Reference.doubles(TorchConvTranspose2d.apply(x.toType(DataType.FLOAT32, false),
                    k.toType(DataType.FLOAT32, false), b.toType(DataType.FLOAT32, false), pad));
            double diff = 0;
            for (int i = 0; i < exact.length; i++) {
                diff = Math.max(diff, Math.abs(single[i] - exact[i]));
            }
            // NaN counts as wrong, as it is
            assertFalse(diff <= 0.1, "libtorch's float32 transposed convolution is right now: off by only " + diff);
        }
    }

    /** Threads that share the one TorchScript module at once each get their own right result. */
    @Test
    void threadsShareTheModule() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            SplittableRandom random = new SplittableRandom(9);
            NDArray k = m.create(random.doubles(32 * 4 * 16, -0.3, 0.3).toArray(), new Shape(32, 4, 4, 4))
                    .toType(DataType.FLOAT32, false);
            NDArray b = m.zeros(new Shape(4));
            java.util.List<java.util.concurrent.Callable<Boolean>> tasks = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                NDArray x = m.create(random.doubles(16 * 32 * 49, -1, 1).toArray(), new Shape(16, 32, 7, 7))
                        .toType(DataType.FLOAT32, false);
                tasks.add(() -> {
                    org.vae4j.host.EngineThreads.forInference();
                    for (int i = 0; i < 50; i++) {
                        try (NDManager s = m.newSubManager()) {
                            NDArray xs = x.duplicate();
                            xs.attach(s);
                            NDArray torch = TorchConvTranspose2d.apply(xs, k, b, new int[] {1, 1});
                            NDArray sub = TransposedConv2d.subPixel(xs, k, b, new int[] {1, 1});
                            if (torch.sub(sub).abs().max().getFloat() > 1e-4f) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (java.util.concurrent.Future<Boolean> f : pool.invokeAll(tasks)) {
                    assertTrue(f.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    /** y, then d/d(x, k, b) of sum(y * r), in {@code type}; dims: n, in, out, h, w. */
    private static double[][] outputAndGradients(NDManager m, DataType type, double[] x, double[] k, double[] b,
            double[] r, int[] dims, int[] pad) {
        NDArray xa = m.create(x, new Shape(dims[0], dims[1], dims[3], dims[4])).toType(type, false);
        NDArray ka = m.create(k, new Shape(dims[1], dims[2], 4, 4)).toType(type, false);
        NDArray ba = m.create(b, new Shape(dims[2])).toType(type, false);
        for (NDArray a : new NDArray[] {xa, ka, ba}) {
            a.setRequiresGradient(true);
        }
        NDArray y;
        try (ai.djl.training.GradientCollector c = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            y = TransposedConv2d.apply(xa, ka, ba, pad);
            c.backward(y.mul(m.create(r, y.getShape()).toType(type, false)).sum());
        }
        return new double[][] {Float64Reference.doubles(y), Float64Reference.doubles(xa.getGradient()),
            Float64Reference.doubles(ka.getGradient()), Float64Reference.doubles(ba.getGradient())};
    }


    private static double loss(NDManager m, double[][] values, Shape[] shapes, NDArray weights, int[] pad) {
        try (NDManager s = m.newSubManager()) {
            return TransposedConv2d.apply(s.create(values[0], shapes[0]), s.create(values[1], shapes[1]),
                    s.create(values[2], shapes[2]), pad).mul(weights).sum().toDoubleArray()[0];
        }
    }
}
