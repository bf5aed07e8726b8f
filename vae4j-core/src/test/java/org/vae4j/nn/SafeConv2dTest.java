package org.vae4j.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The float32 output and input and weight gradients of {@link SafeConv2d#convolve} equal the float64 ones
 * (libtorch's float64 convolution is right; in float32 its input gradient is wrong for these output channel
 * counts, its output for 17, 20, 24 and 40 input channels, and its input gradient with stride 2 for 48 and 80).
 */
class SafeConv2dTest {

    @ParameterizedTest(name = "batch {0}, {1} -> {2} channels, {3}x{3}, kernel {4}, stride {5}, padding {6}")
    @CsvSource({
        "8, 32, 1, 7, 3, 1, 1", "64, 32, 3, 14, 3, 1, 1", "8, 32, 4, 14, 2, 1, 1", "64, 32, 12, 7, 2, 1, 1",
        "8, 32, 13, 7, 3, 1, 1", "64, 32, 20, 14, 3, 1, 1", "32, 2, 2, 6, 3, 1, 1", "3, 2, 3, 4, 4, 2, 1",
        "3, 4, 4, 6, 3, 1, 0", "8, 32, 16, 7, 3, 1, 1", "8, 1, 32, 28, 4, 2, 1", "8, 20, 32, 7, 4, 2, 1",
        "8, 24, 12, 5, 2, 1, 1", "4, 40, 3, 14, 4, 2, 1", "8, 17, 16, 7, 3, 1, 1", "4, 48, 16, 14, 4, 2, 1", "4, 80, 32, 7, 4, 2, 1"})
    void outputAndGradientsAreThoseOfFloat64(int batch, int in, int out, int size, int kernel, int stride, int padding) {
        SplittableRandom random = new SplittableRandom(11);
        double[] x = random.doubles((long) batch * in * size * size, 0, 1).toArray();
        double[] w = random.doubles((long) out * in * kernel * kernel, -0.3, 0.3).toArray();
        double[] b = random.doubles(out, -0.1, 0.1).toArray();
        try (NDManager manager = NDManager.newBaseManager()) {
            double[][] single = gradients(manager, DataType.FLOAT32, batch, in, out, size, kernel, stride, padding, x, w, b);
            double[][] exact = gradients(manager, DataType.FLOAT64, batch, in, out, size, kernel, stride, padding, x, w, b);
            String[] names = {"input gradient", "weight gradient", "bias gradient", "output"};
            Float64Reference.assertNear(names, single, exact);
        }
    }

    /** d/d(x, w, b) of sum(y * o) for y = conv2d(x; w, b) and fixed weights o, then y, in {@code type}. */
    private static double[][] gradients(NDManager manager, DataType type, int batch, int in, int out, int size,
            int kernel, int stride, int padding, double[] x, double[] w, double[] b) {
        NDArray xa = manager.create(x, new Shape(batch, in, size, size)).toType(type, false);
        NDArray wa = manager.create(w, new Shape(out, in, kernel, kernel)).toType(type, false);
        NDArray ba = manager.create(b, new Shape(out)).toType(type, false);
        for (NDArray a : new NDArray[] {xa, wa, ba}) {
            a.setRequiresGradient(true);
        }
        NDArray y;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            y = SafeConv2d.convolve(xa, wa, ba, new Shape(stride, stride), new Shape(padding, padding));
            double[] o = new SplittableRandom(3).doubles(y.size(), -1, 1).toArray();
            collector.backward(y.mul(manager.create(o, y.getShape()).toType(type, false)).sum());
        }
        return new double[][] {Float64Reference.doubles(xa.getGradient()), Float64Reference.doubles(wa.getGradient()),
            Float64Reference.doubles(ba.getGradient()), Float64Reference.doubles(y)};
    }

}
