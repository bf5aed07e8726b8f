package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vae4j.cli.pictures.Figure;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;

/**
 * vae4j manifold: every cell of the picture holds the gray levels round(255 clamp(v, 0, 1)) of the
 * saved model's own decoder mean for the grid code of that cell, computed here from the formula.
 */
class ManifoldCommandTest {

    @Test
    void cellsAreTheModelsDecodeOfTheGrid() {
        Path run = Fixtures.digitsVae().dir();
        Path png = Fixtures.newDir("manifold").resolve("grid.png");
        int grid = 5;
        double range = 2;
        // dimension 2 across, dimension 0 up, the others (1 and 3) held at --at
        CliRun done = CliRun.run("manifold", "--model", run.toString(), "--grid", String.valueOf(grid), "--range", "2",
                "--dims", "2,0", "--at", "9,0.5,9,-1", "--out", png.toString()).assertOk();
        assertTrue(done.out().contains("wrote a 5 x 5 manifold to " + png), done::describe);
        BufferedImage picture = LatentFixtures.readPng(png);

        int l = 4;
        float[] z = new float[grid * grid * l];
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                int cell = r * grid + c;
                z[cell * l + 1] = 0.5f;
                z[cell * l + 3] = -1f;
                z[cell * l + 2] = (float) (-range + 2 * range * c / (grid - 1));   // left to right: -2 .. 2
                z[cell * l] = (float) (range - 2 * range * r / (grid - 1));        // top to bottom: 2 .. -2
            }
        }
        float[] means;
        try (NDManager m = NDManager.newBaseManager(); LoadedModel loaded = ModelStore.load(run, m)) {
            means = LatentFixtures.decode(loaded.model(), z, grid * grid, null, m);
        }
        Point origin = LatentFixtures.firstPanel();
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                LatentFixtures.assertCell(picture, origin, r, c, means, r * grid + c, "cell " + r + "," + c);
            }
        }
        int gridPixels = grid * LatentFixtures.CELL + 2;
        assertEquals(Figure.TITLE_HEIGHT + gridPixels + Figure.BOTTOM, picture.getHeight());
        assertTrue(picture.getWidth() >= Figure.LEFT + gridPixels);
    }

    @Test
    void classConditionalModelDrawsOneGridPerLabelWithTheSameCodes() {
        Path run = LatentFixtures.smallCvae().dir();
        Path png = Fixtures.newDir("manifold-cvae").resolve("grid.png");
        int grid = 3;
        CliRun.run("manifold", "--model", run.toString(), "--grid", "3", "--range", "1.5", "--classes", "2,7", "--out",
                png.toString()).assertOk();
        BufferedImage picture = LatentFixtures.readPng(png);

        int cells = grid * grid;
        float[] z = new float[cells * 2];
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                z[(r * grid + c) * 2] = (float) (-1.5 + 1.5 * c);
                z[(r * grid + c) * 2 + 1] = (float) (1.5 - 1.5 * r);
            }
        }
        int panelWidth = grid * LatentFixtures.CELL + 2;
        int top = Figure.TITLE_HEIGHT + Figure.CAPTION_HEIGHT;
        try (NDManager m = NDManager.newBaseManager(); LoadedModel loaded = ModelStore.load(run, m)) {
            LatentModel model = loaded.model();
            int[] labels = {2, 7};
            for (int k = 0; k < labels.length; k++) {
                float[] condition = new float[cells * 10];
                for (int cell = 0; cell < cells; cell++) {
                    condition[cell * 10 + labels[k]] = 1;
                }
                float[] means = LatentFixtures.decode(model, z, cells, condition, m);
                Point origin = new Point(Figure.LEFT + k * (panelWidth + Figure.SPACING), top);
                for (int cell = 0; cell < cells; cell++) {
                    LatentFixtures.assertCell(picture, origin, cell / grid, cell % grid, means, cell,
                            "label " + labels[k] + ", cell " + cell);
                }
            }
        }
    }

    @Test
    void classConditionalModelNeedsLabels() {
        Path run = LatentFixtures.smallCvae().dir();
        Path png = Fixtures.newDir("manifold-cvae-nolabels").resolve("grid.png");
        CliRun.run("manifold", "--model", run.toString(), "--out", png.toString())
                .assertBadInput("--classes is required", run.resolve("model").toString());
        CliRun.run("manifold", "--model", run.toString(), "--classes", "3,10", "--out", png.toString())
                .assertBadInput("--classes", "10 is outside the classes 0..9");
        assertFalse(Files.exists(png));
    }
}
