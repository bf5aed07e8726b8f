package org.vae4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.vae4j.cli.pictures.ImageGrid;
import org.vae4j.cli.pictures.Png;
import org.vae4j.dist.Rng;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Vae;

/** The model's own outputs as pictures: samples from the prior and reconstructions. */
final class Pictures {

    private static final int COLUMNS = 8;

    private Pictures() {
    }

    /**
     * The decoder's mean E[x|z] for z ~ p(z): n values of D each. A class-conditional model draws
     * sample i with label i mod C, so each column of a C-column grid is one class.
     */
    static float[] samples(LatentModel model, int n, Rng rng, NDManager parent) {
        if (!(model instanceof Vae vae)) {
            throw new IllegalArgumentException("an auto-encoder has no prior to sample from (train with --model vae)");
        }
        int classes = model.config().classes();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = classes == 0 ? 0 : i % classes;
        }
        try (NDManager m = parent.newSubManager()) {
            NDArray z = vae.prior(LatentModel.inference(m), false).sample(m, n, rng);
            NDArray condition = vae.condition(m, labels);
            return vae.decode(LatentModel.inference(m), z, condition, false).mean().toFloatArray();
        }
    }

    /** Columns of a sample grid: one per class for a class-conditional model. */
    static int sampleColumns(ModelConfig config) {
        return config.classes() > 0 ? config.classes() : COLUMNS;
    }

    /**
     * Inputs and reconstructions E[x | z = code(x)] of n rows of {@code x} spread evenly over it (test
     * sets are often sorted by class).
     */
    static float[][] reconstructions(LatentModel model, NDArray x, int[] labels, int n, NDManager parent) {
        int[] picked = Codes.spread(Math.toIntExact(x.getShape().get(0)), n);
        int[] pickedLabels = labels == null ? null : new int[n];
        for (int i = 0; labels != null && i < n; i++) {
            pickedLabels[i] = labels[picked[i]];
        }
        try (NDManager m = parent.newSubManager()) {
            NDArray inputs = x.get(m.create(picked));
            inputs.attach(m);
            ParameterStore ps = LatentModel.inference(m);
            NDArray condition = model.condition(m, pickedLabels);
            NDArray outputs = model.decode(ps, model.code(ps, inputs, condition), condition, false).mean();
            return new float[][] {inputs.toFloatArray(), outputs.toFloatArray()};
        }
    }

    static void writeSamples(float[] images, ModelConfig config, Path file) {
        ImageGrid grid = new ImageGrid(config.height(), config.width());
        Png.write(grid.render(images, sampleColumns(config)), file);
    }

    /** Rows of inputs, each followed by the row of their reconstructions. */
    static void writeReconstructions(float[][] pair, ModelConfig config, Path file) {
        int dim = config.inputDim();
        int n = pair[0].length / dim;
        float[] interleaved = new float[2 * ((n + COLUMNS - 1) / COLUMNS) * COLUMNS * dim];
        java.util.Arrays.fill(interleaved, Float.NaN);
        for (int i = 0; i < n; i++) {
            int row = i / COLUMNS;
            int col = i % COLUMNS;
            System.arraycopy(pair[0], i * dim, interleaved, ((2 * row) * COLUMNS + col) * dim, dim);
            System.arraycopy(pair[1], i * dim, interleaved, ((2 * row + 1) * COLUMNS + col) * dim, dim);
        }
        BufferedImage image = new ImageGrid(config.height(), config.width()).render(interleaved, COLUMNS);
        Png.write(image, file);
    }
}
