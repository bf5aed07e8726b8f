package org.vae4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.vae4j.cli.pictures.Figure;
import org.vae4j.io.Png;
import org.vae4j.api.Images;
import org.vae4j.api.Interpolation;
import org.vae4j.api.TrainedModel;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.model.ModelConfig;
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

    @Mixin
    SharedOptions.PngFile out;

    @Override
    public Integer call() {
        if (steps < 2) {
            throw new IllegalArgumentException("--steps must be at least 2, got " + steps);
        }
        try (TrainedModel trained = model.load()) {
            ModelConfig config = trained.config();
            DataSplit split = ModelArgs.dataFor(trained, dataArgs);
            int size = split.test().n();
            checkIndex("--from", from, size);
            checkIndex("--to", to, size);
            Dataset ends = split.test().subset(new int[] {from, to});
            trained.requireLabels(ends, dataArgs.data);
            Images path = trained.interpolate(split.test(), from, to, steps,
                    spherical ? Interpolation.SPHERICAL : Interpolation.LINEAR);
            int dim = config.inputDim();
            float[] inputs = trained.view(ends).x();
            float[] strip = new float[(steps + 2) * dim];
            System.arraycopy(inputs, 0, strip, 0, dim);
            System.arraycopy(path.values(), 0, strip, dim, steps * dim);
            System.arraycopy(inputs, dim, strip, (steps + 1) * dim, dim);
            String dataName = split.test().name();
            String title = (spherical ? "Spherical" : "Linear") + " interpolation by the " + Pictures.kindName(config)
                    + " from test example " + from + label(ends, 0, dataName) + " to " + to + label(ends, 1, dataName);
            Figure.Panel panel = new Figure.Panel(Pictures.grid(path).render(strip, steps + 2), null);
            Png.write(Figure.render(title, List.of(panel), Figure.Axes.below(
                    "example " + from + ", E[x|z(t)] for t = 0 .. 1 in " + steps + " steps, example " + to)), out.file);
            spec.commandLine().getOut().printf("wrote %d interpolated images between test examples %d and %d to %s%n",
                    steps, from, to, out.file);
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
}
