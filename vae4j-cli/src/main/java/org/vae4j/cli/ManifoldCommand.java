package org.vae4j.cli;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vae4j.cli.pictures.Figure;
import org.vae4j.cli.pictures.ImageGrid;
import org.vae4j.cli.pictures.Png;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;
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
                + "class-conditional model draws one grid per label of --labels, side by side, with the same codes."})
final class ManifoldCommand implements Callable<Integer> {

    private static final int MAX_GRID = 100;

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

    @Option(names = "--labels", split = ",", paramLabel = "Y",
            description = "class-conditional model (required for one): the labels to draw a grid for, e.g. 2,3,4")
    List<Integer> labels;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    Path out;

    @Override
    public Integer call() {
        if (grid < 2 || grid > MAX_GRID) {
            throw new IllegalArgumentException("--grid must be in 2.." + MAX_GRID + ", got " + grid);
        }
        if (!(range > 0) || Double.isInfinite(range)) {
            throw new IllegalArgumentException("--range must be positive and finite, got " + range);
        }
        try (NDManager root = NDManager.newBaseManager(); LoadedModel loaded = model.load(root)) {
            ModelConfig config = loaded.model().config();
            int l = config.latentDim();
            if (l < 2) {
                throw new IllegalArgumentException(loaded.dir() + ": the model's latent has 1 dimension; a manifold "
                        + "needs 2 or more");
            }
            if (dims.size() != 2 || dims.get(0).equals(dims.get(1))) {
                throw new IllegalArgumentException("--dims needs two different latent dimensions, e.g. 0,1; got "
                        + join(dims));
            }
            for (int d : dims) {
                if (d < 0 || d >= l) {
                    throw new IllegalArgumentException("--dims: " + d + " is outside the latent dimensions 0.." + (l - 1)
                            + " of the model in " + loaded.dir());
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
            int[] drawn = checkLabels(loaded, labels);
            BufferedImage picture = picture(loaded.model(), grid, range, dims.get(0), dims.get(1), base, drawn,
                    loaded.info().data().name(), root);
            Png.write(picture, out);
            spec.commandLine().getOut().printf("wrote a %d x %d manifold%s to %s%n", grid, grid,
                    drawn == null ? "" : " for each of " + drawn.length + " labels", out);
            return ExitCodes.OK;
        }
    }

    /** The labels to draw: required for a class-conditional model, refused for another; null for none. */
    private static int[] checkLabels(LoadedModel loaded, List<Integer> labels) {
        int classes = loaded.model().config().classes();
        if (classes == 0) {
            if (labels != null) {
                throw new IllegalArgumentException("--labels: the model in " + loaded.dir()
                        + " is not class-conditional (train with --model cvae)");
            }
            return null;
        }
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("--labels is required for the class-conditional model in "
                    + loaded.dir() + ": the labels to draw a grid for, e.g. --labels 0,1,2");
        }
        int[] drawn = new int[labels.size()];
        for (int k = 0; k < drawn.length; k++) {
            int label = labels.get(k);
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("--labels: " + label + " is outside the classes 0.." + (classes - 1)
                        + " of the model in " + loaded.dir());
            }
            drawn[k] = label;
        }
        return drawn;
    }

    /**
     * The codes of the grid, G * G rows of L values, row-major in picture order: row r, column c holds
     * z_i = v_c and z_j = v_(G-1-r) with v_k = -R + 2 R k / (G - 1), the other dimensions as in
     * {@code base}.
     */
    static float[] gridCodes(int grid, double range, int i, int j, float[] base) {
        int l = base.length;
        float[] z = new float[grid * grid * l];
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                int cell = r * grid + c;
                System.arraycopy(base, 0, z, cell * l, l);
                z[cell * l + i] = (float) value(grid, range, c);
                z[cell * l + j] = (float) value(grid, range, grid - 1 - r);
            }
        }
        return z;
    }

    /** v_k = -R + 2 R k / (G - 1). */
    static double value(int grid, double range, int k) {
        return -range + 2 * range * k / (grid - 1);
    }

    /**
     * The picture: one grid of decoder means (per label of {@code labels} for a class-conditional model,
     * null otherwise) under a title, with the dimensions and the ends of the range on the axes.
     */
    static BufferedImage picture(LatentModel model, int grid, double range, int i, int j, float[] base, int[] labels,
            String dataName, NDManager root) {
        ModelConfig config = model.config();
        float[] z = gridCodes(grid, range, i, j, base);
        int cells = grid * grid;
        ImageGrid images = new ImageGrid(config.height(), config.width());
        List<Figure.Panel> panels = new ArrayList<>();
        if (labels == null) {
            float[] means = Codes.decodeMeans(model, z, cells, null, root);
            panels.add(new Figure.Panel(images.render(means, grid), null));
        } else {
            for (int label : labels) {
                int[] repeated = new int[cells];
                java.util.Arrays.fill(repeated, label);
                float[] means = Codes.decodeMeans(model, z, cells, model.condition(root, repeated).toFloatArray(), root);
                panels.add(new Figure.Panel(images.render(means, grid), "y = " + ClassNames.of(dataName, label)));
            }
        }
        boolean atZero = true;
        for (int k = 0; k < base.length; k++) {
            atZero &= k == i || k == j || base[k] == 0;
        }
        String title = "Decoder means " + (labels == null ? "E[x|z]" : "E[x|z,y]") + " of the " + Codes.kindName(config)
                + " over z" + i + ", z" + j + " in [-" + number(range) + ", " + number(range) + "]"
                + (base.length > 2 ? (atZero ? ", other dimensions at 0" : ", other dimensions at --at") : "");
        int scale = Math.max(1, 56 / Math.max(config.height(), config.width()));
        int inset = 2 + config.width() * scale / 2;
        Figure.Axes axes = new Figure.Axes("z" + i, "-" + number(range), number(range), "z" + j, "-" + number(range),
                number(range), inset);
        return Figure.render(title, panels, axes);
    }

    /**
     * The manifold of a training run's report (2-D latent): a 20 x 20 grid over [-3, 3]^2; for a
     * class-conditional model a 10 x 10 grid for each of the first 10 labels.
     */
    static BufferedImage runPicture(LatentModel model, String dataName, NDManager root) {
        int classes = model.config().classes();
        float[] base = new float[model.config().latentDim()];
        if (classes == 0) {
            return picture(model, 20, 3, 0, 1, base, null, dataName, root);
        }
        int[] labels = new int[Math.min(classes, 10)];
        java.util.Arrays.setAll(labels, k -> k);
        return picture(model, 10, 3, 0, 1, base, labels, dataName, root);
    }

    /** 3 for 3.0, 2.5 for 2.5. */
    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
