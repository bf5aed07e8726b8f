package org.vae4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import org.vae4j.api.Images;
import org.vae4j.io.ImageGrid;
import org.vae4j.io.Png;
import org.vae4j.data.Dataset;
import org.vae4j.model.ModelConfig;

/** The model's outputs as picture files: samples from the prior and reconstructions. */
final class Pictures {

    private static final int COLUMNS = 8;

    private Pictures() {
    }

    /** Columns of a sample grid: one per class for a class-conditional model. */
    static int sampleColumns(ModelConfig config) {
        return config.classes() > 0 ? config.classes() : COLUMNS;
    }

    /** The examples of a dataset as images. */
    static Images images(Dataset data) {
        return new Images(data.n(), data.height(), data.width(), data.channels(), data.x());
    }

    static void writeSamples(Images samples, ModelConfig config, Path file) {
        Png.write(grid(samples).render(samples.values(), sampleColumns(config)), file);
    }

    /** Rows of inputs, each followed by the row of their reconstructions. */
    static void writeReconstructions(Images inputs, Images outputs, Path file) {
        int dim = inputs.dim();
        int n = inputs.n();
        float[] interleaved = new float[2 * ((n + COLUMNS - 1) / COLUMNS) * COLUMNS * dim];
        Arrays.fill(interleaved, Float.NaN);
        for (int i = 0; i < n; i++) {
            int row = i / COLUMNS;
            int col = i % COLUMNS;
            System.arraycopy(inputs.values(), i * dim, interleaved, ((2 * row) * COLUMNS + col) * dim, dim);
            System.arraycopy(outputs.values(), i * dim, interleaved, ((2 * row + 1) * COLUMNS + col) * dim, dim);
        }
        Png.write(grid(inputs).render(interleaved, COLUMNS), file);
    }

    /** The grid that draws images of this shape. */
    static ImageGrid grid(Images images) {
        return new ImageGrid(images.height(), images.width(), images.channels());
    }

    /** How titles name a model's kind. */
    static String kindName(ModelConfig config) {
        return switch (config.kind()) {
            case VAE -> "VAE";
            case AE -> "auto-encoder";
            case CVAE -> "class-conditional VAE";
            case HVAE -> "hierarchical VAE";
        };
    }
}
