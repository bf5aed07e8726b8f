import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.io.InputStream;
import java.util.function.Function;
import org.vae4j.nn.SafeConv2d;
import org.vae4j.nn.TransposedConv2d;

/**
 * The float32 faults of DJL 0.36's libtorch 2.7.1 convolutions, found by sweeping channel counts, and that
 * vae4j's routed forms do not have: each case's float32 output and gradients against float64, counted
 * wrong when off by more than 1e-4 of the largest value (or NaN).
 *   1. conv2d (kernel 4, stride 2, padding 1), output: the input channel counts 1-130 that are wrong;
 *   2. the same, input gradient: the wrong counts among 1-160;
 *   3. PyTorch's own conv_transpose2d (the core's TorchScript module): the wrong (input, output) pairs;
 *   4. SafeConv2d.convolve and TransposedConv2d.apply over the same cases: how many are wrong (0 expected).
 * Usage (from the repository, after a build):
 *   java -cp "vae4j-cli/target/lib/*" bench/ConvFaults.java
 */
public class ConvFaults {

    public static void main(String[] args) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            PtSymbolBlock torchTransposed;
            try (InputStream in = SafeConv2d.class.getResourceAsStream("conv_transpose2d.pt")) {
                torchTransposed = JniUtils.loadModule((PtNDManager) m, in, false, false);
            }
            Function<NDList, NDArray> conv = l -> Conv2d.conv2d(l.get(0), l.get(1), null, new Shape(2, 2),
                    new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
            Function<NDList, NDArray> safe = l -> SafeConv2d.convolve(l.get(0), l.get(1), null, new Shape(2, 2),
                    new Shape(1, 1));
            int[] upTo130 = java.util.stream.IntStream.rangeClosed(1, 130).toArray();
            int[] some = {1, 3, 8, 12, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160};
            System.out.println("1. conv2d output wrong for input channels: " + sweep(m, upTo130, 8, false, conv));
            System.out.println("   SafeConv2d output wrong for: " + sweep(m, upTo130, 8, false, safe));
            System.out.println("2. conv2d stride-2 input gradient wrong for input channels: " + sweep(m, some, 4, true, conv));
            System.out.println("   SafeConv2d wrong for: " + sweep(m, some, 4, true, safe));
            StringBuilder transposed = new StringBuilder();
            int routedWrong = 0;
            int cases = 0;
            for (int in : new int[] {1, 3, 8, 16, 24, 32, 48, 64}) {
                for (int out : new int[] {1, 3, 4, 16, 20, 24, 32, 40, 48, 64, 80}) {
                    Shape x = new Shape(8, in, 7, 7);
                    Shape w = new Shape(in, out, 4, 4);
                    if (wrong(m, x, w, true, l -> IValueUtils.forward(torchTransposed,
                            new NDList(l.get(0), l.get(1), l.get(0).getManager().zeros(new Shape(out), l.get(0).getDataType()),
                                    l.get(0).getManager().create(new long[] {1, 1})), true).singletonOrThrow())) {
                        transposed.append(in).append("->").append(out).append(' ');
                    }
                    cases++;
                    if (wrong(m, x, w, true, l -> TransposedConv2d.apply(l.get(0), l.get(1),
                            l.get(0).getManager().zeros(new Shape(out), l.get(0).getDataType()), new int[] {1, 1}))) {
                        routedWrong++;
                    }
                }
            }
            System.out.println("3. torch's conv_transpose2d (output padding 1) wrong for: " + transposed);
            System.out.println("4. TransposedConv2d.apply wrong in " + routedWrong + " of " + cases + " cases");
        }
    }

    /** The input channel counts for which op (32 filters, kernel 4, 14 x 14 inputs) is wrong, or "none". */
    private static String sweep(NDManager m, int[] ins, int batch, boolean gradients, Function<NDList, NDArray> op) {
        StringBuilder wrong = new StringBuilder();
        for (int in : ins) {
            if (wrong(m, new Shape(batch, in, 14, 14), new Shape(32, in, 4, 4), gradients, op)) {
                wrong.append(in).append(' ');
            }
        }
        return wrong.length() == 0 ? "none" : wrong.toString();
    }

    /** Whether op's float32 output (and, with gradients, its input and weight gradients) is off from float64's. */
    private static boolean wrong(NDManager m, Shape xs, Shape ws, boolean gradients, Function<NDList, NDArray> op) {
        try (NDManager s = m.newSubManager()) {
            NDArray x = s.randomNormal(xs).toType(DataType.FLOAT64, false);
            NDArray w = s.randomNormal(ws).mul(0.1).toType(DataType.FLOAT64, false);
            double[][] results = new double[2][];
            for (int d = 0; d < 2; d++) {
                DataType type = d == 0 ? DataType.FLOAT32 : DataType.FLOAT64;
                NDArray xt = x.toType(type, true);
                NDArray wt = w.toType(type, true);
                if (gradients) {
                    xt.setRequiresGradient(true);
                    wt.setRequiresGradient(true);
                }
                NDArray y;
                if (gradients) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        y = op.apply(new NDList(xt, wt));
                        collector.backward(y.mul(y.onesLike().mul(0.5)).sum());
                    }
                    results[d] = concat(y, xt.getGradient(), wt.getGradient());
                } else {
                    results[d] = concat(op.apply(new NDList(xt, wt)));
                }
            }
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < results[1].length; i++) {
                scale = Math.max(scale, Math.abs(results[1][i]));
                diff = Math.max(diff, Math.abs(results[0][i] - results[1][i]));
            }
            return !(diff <= 1e-4 * scale);
        }
    }

    private static double[] concat(NDArray... arrays) {
        NDList list = new NDList();
        for (NDArray a : arrays) {
            list.add(a.toType(DataType.FLOAT64, false).flatten());
        }
        return ai.djl.ndarray.NDArrays.concat(list).toDoubleArray();
    }
}
