package org.vae4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vae4j.cli.pictures.Figure;
import org.vae4j.cli.pictures.ImageGrid;
import org.vae4j.cli.pictures.Png;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.data.ResidentData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j interpolate: decode along the line (or great circle) between the codes of two test images. */
@Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode the codes on the line (or great circle) between two test images.",
                "Encodes test examples I and J of DATA (z = mean of q(z|x), or f(x)), decodes STEPS codes "
                + "z(t), t = 0 .. 1, on the line between them (or, with --spherical, on the great circle: slerp), and "
                + "writes a strip (PNG): example I, the decoder means E[x|z(t)], example J. A class-conditional "
                + "model decodes z(t) with the blend (1 - t) y_I + t y_J of the two one-hot labels."})
final class InterpolateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--from", required = true, paramLabel = "I", description = "index of the first test example (from 0)")
    int from;

    @Option(names = "--to", required = true, paramLabel = "J", description = "index of the second test example (from 0)")
    int to;

    @Option(names = "--steps", defaultValue = "10", description = "codes decoded, both ends included (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--spherical", description = "spherical interpolation (slerp) instead of a straight line")
    boolean spherical;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    Path out;

    @Override
    public Integer call() {
        if (steps < 2) {
            throw new IllegalArgumentException("--steps must be at least 2, got " + steps);
        }
        try (NDManager root = NDManager.newBaseManager(); LoadedModel loaded = model.load(root)) {
            LatentModel latent = loaded.model();
            ModelConfig config = latent.config();
            DataSplit split = Workspace.dataFor(loaded, dataArgs);
            int size = split.test().n();
            checkIndex("--from", from, size);
            checkIndex("--to", to, size);
            Dataset ends = split.test().subset(new int[] {from, to});
            Codes.checkConditioning(loaded, ends, dataArgs.data);
            ResidentData view = Workspace.testData(loaded, ends, 0, root);
            int l = config.latentDim();
            float[] codes = Codes.codes(latent, view, root);
            float[] a = java.util.Arrays.copyOfRange(codes, 0, l);
            float[] b = java.util.Arrays.copyOfRange(codes, l, 2 * l);
            float[] path = new float[steps * l];
            float[] condition = config.classes() == 0 ? null : new float[steps * config.classes()];
            for (int k = 0; k < steps; k++) {
                double t = (double) k / (steps - 1);
                float[] z = spherical ? slerp(a, b, t) : lerp(a, b, t);
                System.arraycopy(z, 0, path, k * l, l);
                if (condition != null) {
                    condition[k * config.classes() + ends.labels()[0]] += (float) (1 - t);
                    condition[k * config.classes() + ends.labels()[1]] += (float) t;
                }
            }
            float[] means = Codes.decodeMeans(latent, path, steps, condition, root);
            int dim = config.inputDim();
            float[] inputs = view.x().toFloatArray();
            float[] strip = new float[(steps + 2) * dim];
            System.arraycopy(inputs, 0, strip, 0, dim);
            System.arraycopy(means, 0, strip, dim, steps * dim);
            System.arraycopy(inputs, dim, strip, (steps + 1) * dim, dim);
            String dataName = split.test().name();
            String title = (spherical ? "Spherical" : "Linear") + " interpolation by the " + Codes.kindName(config)
                    + " from test example " + from + label(ends, 0, dataName) + " to " + to + label(ends, 1, dataName);
            Figure.Panel panel = new Figure.Panel(new ImageGrid(config.height(), config.width()).render(strip, steps + 2),
                    null);
            Png.write(Figure.render(title, List.of(panel), Figure.Axes.below(
                    "example " + from + ", E[x|z(t)] for t = 0 .. 1 in " + steps + " steps, example " + to)), out);
            spec.commandLine().getOut().printf("wrote %d interpolated images between test examples %d and %d to %s%n",
                    steps, from, to, out);
            return ExitCodes.OK;
        }
    }

    private static void checkIndex(String flag, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(flag + " " + index + " is outside the test set's examples 0.."
                    + (size - 1));
        }
    }

    private static String label(Dataset ends, int k, String dataName) {
        return ends.hasLabels() ? " (" + ClassNames.of(dataName, ends.labels()[k]) + ")" : "";
    }

    /** (1 - t) a + t b. */
    static float[] lerp(float[] a, float[] b, double t) {
        float[] z = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            z[k] = (float) ((1 - t) * a[k] + t * b[k]);
        }
        return z;
    }

    /**
     * Spherical interpolation (Shoemake 1985; White 2016 for latent codes):
     * {@code z(t) = sin((1 - t) w) / sin(w) a + sin(t w) / sin(w) b} with w the angle between a and b;
     * the straight line when a and b are (anti)parallel or either is 0.
     */
    static float[] slerp(float[] a, float[] b, double t) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            normA += (double) a[k] * a[k];
            normB += (double) b[k] * b[k];
        }
        if (normA == 0 || normB == 0) {
            return lerp(a, b, t);
        }
        double omega = Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(normA * normB))));
        double sinOmega = Math.sin(omega);
        if (sinOmega < 1e-6) {
            return lerp(a, b, t);
        }
        double wa = Math.sin((1 - t) * omega) / sinOmega;
        double wb = Math.sin(t * omega) / sinOmega;
        float[] z = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            z[k] = (float) (wa * a[k] + wb * b[k]);
        }
        return z;
    }
}
