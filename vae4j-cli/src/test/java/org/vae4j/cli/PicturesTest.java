package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.data.Dataset;
import org.vae4j.dist.Rng;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Vae;

/**
 * The pictures show the saved model's own outputs: each cell of the PNG holds the gray levels
 * round(255 clamp(v, 0, 1)) of the decoder's mean for known codes, computed here from the model as loaded.
 */
class PicturesTest {

    private static final int SIDE = 28;
    /** 28x28 images are drawn at scale 2 (about 56 pixels) with 2-pixel gaps, 8 to a row. */
    private static final int SCALE = 2;
    private static final int GAP = 2;
    private static final int COLUMNS = 8;

    @Test
    void reconstructShowsTestImagesAboveTheirDecodedCodes() {
        Path run = Fixtures.digitsVae().dir();
        Path png = Fixtures.newDir("reconstruct").resolve("rec.png");
        int n = 16;
        CliRun done = CliRun.run("reconstruct", "--model", run.toString(), "--data", "digits", "--n",
                String.valueOf(n), "--out", png.toString()).assertOk();
        assertTrue(done.out().contains("wrote 16 reconstructions"), done::describe);
        BufferedImage picture = TrainCommandTest.assertPng(png, grid(COLUMNS), grid(4));

        // --n takes the stratified subset of the test set every command takes
        Dataset test = Fixtures.digits().test();
        float[] inputs = test.stratifiedSubset(n).x();
        float[] means;
        try (NDManager m = NDManager.newBaseManager(); LoadedModel loaded = ModelStore.load(run, m)) {
            LatentModel model = loaded.model();
            ParameterStore ps = LatentModel.inference(m);
            NDArray x = m.create(inputs, new Shape(n, SIDE * SIDE));
            means = model.decode(ps, model.code(ps, x), false).mean().toFloatArray();
        }
        for (int i = 0; i < n; i++) {
            int gridRow = 2 * (i / COLUMNS);
            int col = i % COLUMNS;
            assertCell(picture, gridRow, col, inputs, i, "input " + i);
            assertCell(picture, gridRow + 1, col, means, i, "reconstruction " + i);
        }
    }

    @Test
    void sampleDecodesDrawsFromThePrior() {
        Path run = Fixtures.digitsVae().dir();
        Path png = Fixtures.newDir("sample").resolve("samples.png");
        int n = 12;
        long seed = 5;
        CliRun.run("sample", "--model", run.toString(), "--n", String.valueOf(n), "--seed", String.valueOf(seed),
                "--out", png.toString()).assertOk();
        BufferedImage picture = TrainCommandTest.assertPng(png, grid(COLUMNS), grid(2));

        float[] means;
        try (NDManager m = NDManager.newBaseManager(); LoadedModel loaded = ModelStore.load(run, m)) {
            Vae vae = (Vae) loaded.model();
            // the sample command draws z from stream 3 of its seed
            NDArray z = vae.prior(LatentModel.inference(m), false).sample(m, n, Rng.forStream(seed, 3));
            means = vae.decode(LatentModel.inference(m), z, false).mean().toFloatArray();
        }
        for (int i = 0; i < n; i++) {
            assertCell(picture, i / COLUMNS, i % COLUMNS, means, i, "sample " + i);
        }
        // cells past the last sample are left in the gap colour
        assertEquals(List.of(96), cellGrays(picture, 1, 7, SIDE, SIDE, SCALE).stream().distinct().toList());
    }

    // ----

    /** Pixels of a grid of {@code cells} 28x28 cells: cells * (56 + 2) + 2. */
    private static int grid(int cells) {
        return cells * (SIDE * SCALE + GAP) + GAP;
    }

    /** Each pixel of image {@code i} of {@code values} appears in the cell as round(255 clamp(v)), within 1. */
    private static void assertCell(BufferedImage picture, int gridRow, int col, float[] values, int i, String what) {
        List<Integer> grays = cellGrays(picture, gridRow, col, SIDE, SIDE, SCALE);
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

    /**
     * The gray levels of one cell of an image grid, row-major: the top-left pixel of each
     * scale x scale block of the cell in grid row {@code gridRow}, column {@code col}.
     */
    static List<Integer> cellGrays(BufferedImage picture, int gridRow, int col, int height, int width, int scale) {
        int x0 = GAP + col * (width * scale + GAP);
        int y0 = GAP + gridRow * (height * scale + GAP);
        List<Integer> grays = new ArrayList<>(height * width);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                grays.add(picture.getRaster().getSample(x0 + c * scale, y0 + r * scale, 0));
            }
        }
        return grays;
    }
}
