import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Would bfloat16 make the conv VAE's layers faster in DJL's libtorch 2.7.1 on this CPU? Times one training
 * pass (forward and backward, input and weight gradients) of each of the default conv VAE's heavy layers
 * at batch 128, float32 against bfloat16 computed inside a TorchScript module (bench/bf16_layers.py),
 * in the order f32, bf16, bf16, f32; and how far the bfloat16 output is from the float32 one.
 * Usage (from the repository, after a build; DIR holds the modules):
 *   /tmp/torchref/bin/python bench/bf16_layers.py DIR
 *   OMP_NUM_THREADS=2 java -Dai.djl.offline=true -cp "vae4j-cli/target/lib/*" bench/Bf16Layers.java DIR
 */
public class Bf16Layers {

    public static void main(String[] args) throws IOException {
        String dir = args[0];
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(1);
            Object[][] layers = {
                {"conv 32->64, 14x14 -> 7x7", "conv", new Shape(128, 32, 14, 14), new Shape(64, 32, 4, 4), new Shape(64)},
                {"transposed conv 64->32, 7x7 -> 14x14", "deconv", new Shape(128, 64, 7, 7), new Shape(64, 32, 4, 4), new Shape(32)},
                {"dense 3136->256", "dense", new Shape(128, 3136), new Shape(256, 3136), new Shape(256)},
            };
            for (Object[] layer : layers) {
                NDList in = new NDList();
                for (int i = 2; i < 5; i++) {
                    NDArray a = m.randomNormal(0, 0.1f, (Shape) layer[i], DataType.FLOAT32);
                    a.setRequiresGradient(true);
                    in.add(a);
                }
                PtSymbolBlock f32 = load(dir, layer[1] + "-f32.pt");
                PtSymbolBlock bf16 = load(dir, layer[1] + "-bf16.pt");
                double a1 = millis(m, f32, in), b1 = millis(m, bf16, in), b2 = millis(m, bf16, in), a2 = millis(m, f32, in);
                NDArray y32 = IValueUtils.forward(f32, in, false).singletonOrThrow();
                NDArray y16 = IValueUtils.forward(bf16, in, false).singletonOrThrow();
                double error = y16.sub(y32).abs().max().getFloat() / y32.abs().max().getFloat();
                System.out.printf("%-38s float32 %6.2f %6.2f ms  bfloat16 %6.2f %6.2f ms  ratio %.2f  max |bf16 - f32| / max |f32| %.1e%n",
                        layer[0], a1, a2, b1, b2, (a1 + a2) / (b1 + b2), error);
            }
        }
        System.out.flush();
        Runtime.getRuntime().halt(0); // DJL's native threads can abort the JVM's normal exit here
    }

    /** Median of 40 training passes (after 5 to warm up). */
    private static double millis(NDManager m, PtSymbolBlock block, NDList in) {
        double[] t = new double[45];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = IValueUtils.forward(block, in, true).singletonOrThrow();
                y.tempAttach(step);
                gc.backward(y.sum());
            }
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        double[] kept = Arrays.copyOfRange(t, 5, t.length);
        Arrays.sort(kept);
        return kept[kept.length / 2];
    }

    private static PtSymbolBlock load(String dir, String name) throws IOException {
        try (InputStream in = new FileInputStream(dir + "/" + name)) {
            return JniUtils.loadModule((PtNDManager) NDManager.newBaseManager(), in, false, false);
        }
    }
}
