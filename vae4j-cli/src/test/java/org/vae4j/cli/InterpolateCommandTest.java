package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vae4j.cli.pictures.Figure;
import org.vae4j.data.Dataset;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;
import org.vae4j.api.Interpolation;

/** vae4j interpolate: the strip is the two inputs around the model's decode of the codes between them. */
class InterpolateCommandTest {

    @Test
    void linearStripDecodesTheLineBetweenTwoCodes() {
        Path run = Fixtures.digitsVae().dir();
        Path png = Fixtures.newDir("interpolate").resolve("strip.png");
        int from = 3;
        int to = 1500;
        int steps = 5;
        CliRun done = CliRun.run("interpolate", "--model", run.toString(), "--data", "digits", "--from", "3", "--to",
                "1500", "--steps", "5", "--out", png.toString()).assertOk();
        assertTrue(done.out().contains("wrote 5 interpolated images between test examples 3 and 1500"), done::describe);
        BufferedImage picture = LatentFixtures.readPng(png);

        Dataset ends = Fixtures.digits().test().subset(new int[] {from, to});
        int l = 4;
        float[] path = new float[steps * l];
        float[] means;
        try (NDManager m = NDManager.newBaseManager(); LoadedModel loaded = ModelStore.load(run, m)) {
            LatentModel model = loaded.model();
            float[] codes = model.code(LatentModel.inference(m), m.create(ends.x(), new Shape(2, 784)))
                    .toFloatArray();
            for (int k = 0; k < steps; k++) {
                float t = k / (float) (steps - 1);
                for (int j = 0; j < l; j++) {
                    path[k * l + j] = (1 - t) * codes[j] + t * codes[l + j];
                }
            }
            means = LatentFixtures.decode(model, path, steps, null, m);
        }
        Point origin = LatentFixtures.firstPanel();
        LatentFixtures.assertCell(picture, origin, 0, 0, ends.x(), 0, "input " + from);
        for (int k = 0; k < steps; k++) {
            LatentFixtures.assertCell(picture, origin, 0, k + 1, means, k, "step " + k);
        }
        LatentFixtures.assertCell(picture, origin, 0, steps + 1, ends.x(), 1, "input " + to);
    }

    /** Slerp keeps the ends and in between follows the great circle through them. */
    @Test
    void sphericalInterpolation() {
        float[] a = {3, 0};
        float[] b = {0, 3};
        assertArrayEquals(a, Interpolation.SPHERICAL.at(a, b, 0), 1e-6f);
        assertArrayEquals(b, Interpolation.SPHERICAL.at(a, b, 1), 1e-6f);
        float[] mid = Interpolation.SPHERICAL.at(a, b, 0.5);
        // on the circle of radius 3 at 45 degrees, where the straight line passes at radius 3 / sqrt(2)
        assertEquals(3 / Math.sqrt(2), mid[0], 1e-6);
        assertEquals(3 / Math.sqrt(2), mid[1], 1e-6);
        float[] third = Interpolation.SPHERICAL.at(a, b, 1.0 / 3);
        assertEquals(3 * Math.cos(Math.PI / 6), third[0], 1e-5);
        assertEquals(3 * Math.sin(Math.PI / 6), third[1], 1e-5);
        // parallel codes: the straight line
        assertArrayEquals(new float[] {2, 2}, Interpolation.SPHERICAL.at(new float[] {1, 1}, new float[] {3, 3}, 0.5),
                1e-6f);

        Path run = Fixtures.digitsVae().dir();
        Path png = Fixtures.newDir("slerp").resolve("strip.png");
        CliRun.run("interpolate", "--model", run.toString(), "--data", "digits", "--from", "0", "--to", "2000",
                "--steps", "3", "--spherical", "--out", png.toString()).assertOk();
        // input, three steps, input
        assertTrue(LatentFixtures.readPng(png).getWidth() >= Figure.LEFT + 5 * LatentFixtures.CELL + 2);
    }
}
