import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.vae4j.nn.SafeConv2d;

/**
 * The conv decoder's last layer alone (batch 128, 32 channels at 14 x 14, a 2 x 2 convolution with padding 1,
 * as the sub-pixel transposed convolution runs it): the float32 gradients of three forms against float64,
 * and their forward+backward time. plain: libtorch's convolution (its input gradient is wrong for these
 * filter counts); pad16: SafeConv2d, zero filters up to 16; group: 16 / F batch slices side by side as
 * channels, a grouped convolution with the weight repeated. Alternated in one JVM, 200 steps a round.
 * Usage: java -cp "vae4j-cli/target/lib/*" bench/LastLayerConv.java [FILTERS, default 4 (SafeConv2d pads up to 16)]
 * with the launcher's glibc settings (MALLOC_ARENA_MAX=1, MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_).
 */
public class LastLayerConv {
    static NDArray conv(String mode, NDArray x, NDArray w, NDArray b) {
        Shape s1 = new Shape(1, 1);
        long n = x.getShape().get(0), c = x.getShape().get(1), h = x.getShape().get(2), wd = x.getShape().get(3);
        long out = w.getShape().get(0);
        switch (mode) {
            case "plain": return Conv2d.conv2d(x, w, b, s1, s1, s1, 1).singletonOrThrow();
            case "pad16": return SafeConv2d.convolve(x, w, b, s1, s1);
            case "group": {
                int g = (int) (16 / out);
                NDArray xg = x.reshape(n / g, g * c, h, wd);
                NDArray wg = w.tile(new long[] {g, 1, 1, 1});
                NDArray bg = b.tile(new long[] {g});
                NDArray y = Conv2d.conv2d(xg, wg, bg, s1, s1, s1, g).singletonOrThrow();
                return y.reshape(n, out, h + 1, wd + 1);
            }
            default: throw new IllegalArgumentException(mode);
        }
    }

    static double[][] grads(NDManager m, String mode, DataType t, double[] x, double[] w, double[] b, Shape xs, Shape ws) {
        NDArray xa = m.create(x, xs).toType(t, false), wa = m.create(w, ws).toType(t, false), ba = m.create(b, new Shape(ws.get(0))).toType(t, false);
        for (NDArray a : new NDArray[] {xa, wa, ba}) a.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = conv(mode, xa, wa, ba);
            double[] o = new SplittableRandom(3).doubles(y.size(), -1, 1).toArray();
            gc.backward(y.mul(m.create(o, y.getShape()).toType(t, false)).sum());
        }
        return new double[][] {xa.getGradient().toType(DataType.FLOAT64, false).toDoubleArray(),
            wa.getGradient().toType(DataType.FLOAT64, false).toDoubleArray(), ba.getGradient().toType(DataType.FLOAT64, false).toDoubleArray()};
    }

    public static void main(String[] args) {
        int n = 128, c = 32, h = 14, out = Integer.parseInt(args.length > 0 ? args[0] : "4");
        Shape xs = new Shape(n, c, h, h), ws = new Shape(out, c, 2, 2);
        SplittableRandom r = new SplittableRandom(11);
        double[] x = r.doubles((long) n * c * h * h, 0, 1).toArray();
        double[] w = r.doubles((long) out * c * 4, -0.3, 0.3).toArray();
        double[] b = r.doubles(out, -0.1, 0.1).toArray();
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] exact = grads(m, "plain", DataType.FLOAT64, x, w, b, xs, ws);
            for (String mode : new String[] {"plain", "pad16", "group"}) {
                double[][] g = grads(m, mode, DataType.FLOAT32, x, w, b, xs, ws);
                StringBuilder sb = new StringBuilder(mode + ":");
                for (int k = 0; k < 3; k++) {
                    double d = 0, sc = 0;
                    for (int i = 0; i < exact[k].length; i++) { sc = Math.max(sc, Math.abs(exact[k][i])); d = Math.max(d, Math.abs(g[k][i] - exact[k][i])); }
                    sb.append(String.format(" %s %.2e/%.2e", new String[] {"in", "w", "b"}[k], d, sc));
                }
                System.out.println(sb);
            }
            // timing
            NDArray xa = m.create(x, xs).toType(DataType.FLOAT32, false);
            NDArray wa = m.create(w, ws).toType(DataType.FLOAT32, false), ba = m.create(b, new Shape(out)).toType(DataType.FLOAT32, false);
            for (int round = 0; round < 4; round++) {
                for (String mode : new String[] {"plain", "pad16", "group", "group", "pad16", "plain"}) {
                    long t0 = System.nanoTime();
                    for (int it = 0; it < 200; it++) {
                        try (NDManager s = m.newSubManager()) {
                            NDArray xl = xa.stopGradient(); xl.attach(s); xl.setRequiresGradient(true);
                            NDArray wl = wa.stopGradient(); wl.attach(s); wl.setRequiresGradient(true);
                            NDArray bl = ba.stopGradient(); bl.attach(s); bl.setRequiresGradient(true);
                            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                                NDArray y = conv(mode, xl, wl, bl);
                                gc.backward(y.sum());
                            }

                        }
                    }
                    if (round > 0) System.out.printf("round %d %s %.2f ms per fwd+bwd%n", round, mode, (System.nanoTime() - t0) / 1e6 / 200);
                }
            }
        }
    }
}
