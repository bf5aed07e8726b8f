package org.vae4j.cli;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vae4j.api.Images;
import org.vae4j.api.LatentGrid;
import org.vae4j.api.TrainedModel;
import org.vae4j.cli.pictures.Figure;
import org.vae4j.io.Png;
import org.vae4j.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j manifold: the decoder's means over a regular grid of two latent dimensions. */
@Command(name = "manifold", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode a regular grid of codes over two latent dimensions.",
                "Decodes a regular G x G grid of codes, z_i and z_j in [-R, R] over two latent dimensions "
                + "(--dims i,j) and the others at 0 (or at --at), and writes the decoder's means E[x|z] as an image "
                + "grid (PNG): z_i grows to the right, z_j upwards (the first row is the largest z_j). A "
                + "class-conditional model draws one grid per label of --classes, side by side, with the same codes."})
final class ManifoldCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Option(names = "--grid", defaultValue = "20", paramLabel = "G", description = "codes per side (default: ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--range", defaultValue = "3", paramLabel = "R",
            description = "the grid spans [-R, R] in both dimensions (default: ${DEFAULT-VALUE})")
    double range;

    @Option(names = "--dims", defaultValue = "0,1", split = ",", paramLabel = "I,J",
            description = "the two latent dimensions to vary: I across, J up (default: ${DEFAULT-VALUE})")
    List<Integer> dims;

    @Option(names = "--at", split = ",", paramLabel = "V",
            description = "the code the other dimensions are held at: L comma-separated values (default: all 0)")
    List<Double> at;

    @Option(names = "--classes", split = ",", paramLabel = "Y",
            description = "class-conditional model (required for one): the labels to draw a grid for, e.g. 2,3,4")
    List<Integer> labels;

    @Mixin
    SharedOptions.PngFile out;

    @Override
    public Integer call() {
        if (grid < 2 || grid > LatentGrid.MAX_SIZE) {
            throw new IllegalArgumentException("--grid must be in 2.." + LatentGrid.MAX_SIZE + ", got " + grid);
        }
        if (!(range > 0) || Double.isInfinite(range)) {
            throw new IllegalArgumentException("--range must be positive and finite, got " + range);
        }
        try (TrainedModel trained = model.load()) {
            ModelConfig config = trained.config();
            int l = config.latentDim();
            if (l < 2) {
                throw new IllegalArgumentException(trained.dir() + ": the model's latent has 1 dimension; a manifold "
                        + "needs 2 or more");
            }
            if (dims.size() != 2 || dims.get(0).equals(dims.get(1))) {
                throw new IllegalArgumentException("--dims needs two different latent dimensions, e.g. 0,1; got "
                        + join(dims));
            }
            for (int d : dims) {
                if (d < 0 || d >= l) {
                    throw new IllegalArgumentException("--dims: " + d + " is outside the latent dimensions 0.." + (l - 1)
                            + " of the model in " + trained.dir());
                }
            }
            float[] base = new float[l];
            if (at != null) {
                if (at.size() != l) {
                    throw new IllegalArgumentException("--at needs " + l + " values (the model's latent size), got "
                            + at.size());
                }
                for (int k = 0; k < l; k++) {
                    if (!Double.isFinite(at.get(k))) {
                        throw new IllegalArgumentException("--at: value " + at.get(k) + " is not finite");
                    }
                    base[k] = at.get(k).floatValue();
                }
            }
            int[] drawn = checkLabels(trained, labels);
            LatentGrid codes = new LatentGrid(grid, range, dims.get(0), dims.get(1), base);
            Png.write(picture(trained, codes, drawn, trained.info().data().name()), out.file);
            if (l > 2) {
                spec.commandLine().getOut().printf("the latent has %d dimensions: the grid is a slice through z%d and "
                        + "z%d with the others at %s (--dims and --at choose another)%n", l, dims.get(0), dims.get(1),
                        at == null ? "0" : "--at");
            }
            spec.commandLine().getOut().printf("wrote a %d x %d manifold%s to %s%n", grid, grid,
                    drawn == null ? "" : " for each of " + drawn.length + " labels", out.file);
            return ExitCodes.OK;
        }
    }

    /** The labels to draw: required for a class-conditional model, refused for another; null for none. */
    private static int[] checkLabels(TrainedModel trained, List<Integer> labels) {
        int classes = trained.classes();
        if (classes == 0) {
            if (labels != null) {
                throw new IllegalArgumentException("--classes: the model in " + trained.dir()
                        + " is not class-conditional (train with --model cvae)");
            }
            return null;
        }
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("--classes is required for the class-conditional model in "
                    + trained.dir() + ": the labels to draw a grid for, e.g. --classes 0,1,2");
        }
        int[] drawn = new int[labels.size()];
        for (int k = 0; k < drawn.length; k++) {
            int label = labels.get(k);
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("--classes: " + label + " is outside the classes 0.." + (classes - 1)
                        + " of the model in " + trained.dir());
            }
            drawn[k] = label;
        }
        return drawn;
    }

    /**
     * The picture: one grid of decoder means (per label of {@code labels} for a class-conditional model,
     * null otherwise) under a title, with the dimensions and the ends of the range on the axes.
     */
    static BufferedImage picture(TrainedModel model, LatentGrid grid, int[] labels, String dataName) {
        ModelConfig config = model.config();
        List<Figure.Panel> panels = new ArrayList<>();
        if (labels == null) {
            Images means = model.grid(grid);
            panels.add(new Figure.Panel(Pictures.grid(means).render(means.values(), grid.size()), null));
        } else {
            for (int label : labels) {
                Images means = model.grid(grid, label);
                panels.add(new Figure.Panel(Pictures.grid(means).render(means.values(), grid.size()),
                        "y = " + ClassNames.of(dataName, label)));
            }
        }
        int i = grid.across();
        int j = grid.up();
        String r = number(grid.range());
        String title = "Decoder means " + (labels == null ? "E[x|z]" : "E[x|z,y]") + " of the "
                + Pictures.kindName(config) + " over z" + i + ", z" + j + " in [-" + r + ", " + r + "]"
                + (grid.base().length > 2 ? (grid.baseIsZero() ? ", other dimensions at 0" : ", other dimensions at --at")
                        : "");
        int scale = Math.max(1, 56 / Math.max(config.height(), config.width()));
        int inset = 2 + config.width() * scale / 2;
        Figure.Axes axes = new Figure.Axes("z" + i, "-" + r, r, "z" + j, "-" + r, r, inset);
        return Figure.render(title, panels, axes);
    }

    /**
     * The manifold of a training run's report (2-D latent): a 20 x 20 grid over [-3, 3]^2; for a
     * class-conditional model a 10 x 10 grid for each of the first 10 labels.
     */
    static BufferedImage runPicture(TrainedModel model, String dataName) {
        int classes = model.classes();
        if (classes == 0) {
            return picture(model, LatentGrid.of(20, 3, model.latentDim()), null, dataName);
        }
        int[] labels = new int[Math.min(classes, 10)];
        java.util.Arrays.setAll(labels, k -> k);
        return picture(model, LatentGrid.of(10, 3, model.latentDim()), labels, dataName);
    }

    /** 3 for 3.0, 2.5 for 2.5. */
    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
