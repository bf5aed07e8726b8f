package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.vae4j.cli.pictures.Figure;
import org.vae4j.model.LatentModel;

/** Runs and checks shared by the tests of the latent-space commands. */
final class LatentFixtures {

    static final int SIDE = 28;
    /** 28x28 images are drawn at scale 2 with 2-pixel gaps. */
    static final int SCALE = 2;
    static final int CELL = SIDE * SCALE + 2;

    private LatentFixtures() {
    }

    /** A class-conditional VAE with a 2-D latent trained for two epochs on the small digits. */
    static Fixtures.Trained smallCvae() {
        return Fixtures.trained("small-cvae", "--data", Fixtures.smallDigits().toString(), "--model", "cvae",
                "--epochs", "2", "--hidden", "32", "--latent", "2", "--batch", "64");
    }

    /** A VAE with a 2-D latent trained for two epochs on the small digits. */
    static Fixtures.Trained smallVae2d() {
        return Fixtures.trained("small-vae-2d", "--data", Fixtures.smallDigits().toString(), "--epochs", "2",
                "--hidden", "32", "--latent", "2", "--batch", "64");
    }

    /** A VAE trained on the CSV file without naming its label column: unlabelled data of 5 columns. */
    static Fixtures.Trained unlabelledCsvVae() {
        return Fixtures.trained("csv-unlabelled-vae", "--data", Fixtures.csv().toString(), "--epochs", "1", "--hidden",
                "8", "--latent", "2", "--batch", "32");
    }

    static BufferedImage readPng(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, file + " is not a PNG");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoder means E[x|z, y] of n codes (condition: null, or n one-hot rows) as the loaded model gives them. */
    static float[] decode(LatentModel model, float[] z, int n, float[] condition, NDManager m) {
        int l = model.config().latentDim();
        NDArray codes = m.create(z, new Shape(n, l));
        NDArray c = condition == null ? null : m.create(condition, new Shape(n, condition.length / n));
        return model.decode(LatentModel.inference(m), codes, c, false).mean().toFloatArray();
    }

    /**
     * Each pixel of image {@code i} of {@code values} appears in cell (gridRow, col) of the grid whose
     * top-left corner is {@code origin} as round(255 clamp(v, 0, 1)), within 1.
     */
    static void assertCell(BufferedImage picture, Point origin, int gridRow, int col, float[] values, int i,
            String what) {
        BufferedImage grid = picture.getSubimage(origin.x, origin.y, picture.getWidth() - origin.x,
                picture.getHeight() - origin.y);
        List<Integer> grays = PicturesTest.cellGrays(grid, gridRow, col, SIDE, SIDE, SCALE);
        int dim = SIDE * SIDE;
        for (int p = 0; p < dim; p++) {
            float value = values[i * dim + p];
            long expected = Math.round(255 * Math.max(0.0, Math.min(1.0, value)));
            int got = grays.get(p);
            if (Math.abs(got - expected) > 1) {
                fail(what + ", pixel " + p + ": gray " + got + ", expected " + expected + " from " + value);
            }
        }
    }

    /** The top-left corner of the first panel of a figure without captions. */
    static Point firstPanel() {
        return new Point(Figure.LEFT, Figure.TITLE_HEIGHT);
    }
}
