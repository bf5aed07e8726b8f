package org.vae4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.data.Dataset;
import org.vae4j.dist.Rng;
import org.vae4j.dist.RngStreams;

/** The plain-array pieces of the API: exact values on tiny cases. */
class ApiPiecesTest {

    @Test
    void linearAndSphericalPaths() {
        float[] a = {3, 0};
        float[] b = {0, 3};
        assertArrayEquals(new float[] {3, 0, 1.5f, 1.5f, 0, 3}, Interpolation.LINEAR.path(a, b, 3), 1e-6f);
        float[] arc = Interpolation.SPHERICAL.path(a, b, 3);
        assertEquals(3 / Math.sqrt(2), arc[2], 1e-6);
        assertEquals(3 / Math.sqrt(2), arc[3], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Interpolation.LINEAR.path(a, b, 1));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.LINEAR.path(a, new float[3], 2));
    }

    /** Picture order: z_i grows to the right, z_j upwards, the rest at the base code. */
    @Test
    void gridCodes() {
        LatentGrid grid = new LatentGrid(3, 2, 2, 0, new float[] {9, 7, 5});
        float[] z = grid.codes();
        assertEquals(27, z.length);
        // top-left cell: z_2 = -2 (left), z_0 = +2 (top), z_1 held at 7
        assertArrayEquals(new float[] {2, 7, -2}, java.util.Arrays.copyOfRange(z, 0, 3), 0f);
        // bottom-right cell: z_2 = +2, z_0 = -2
        assertArrayEquals(new float[] {-2, 7, 2}, java.util.Arrays.copyOfRange(z, 24, 27), 0f);
        assertEquals(false, grid.baseIsZero());
        assertEquals(true, LatentGrid.of(2, 1, 3).baseIsZero());
        assertThrows(IllegalArgumentException.class, () -> new LatentGrid(3, 1, 0, 0, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> new LatentGrid(3, 1, 0, 2, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> new LatentGrid(1, 1, 0, 1, new float[2]));
    }

    /** An auto-encoder has no likelihood: its least likely examples are those with the worst reconstruction loss. */
    @Test
    void leastLikelyRanking() {
        Scores vae = new Scores(4, 10, 2, new float[] {1, 2, 3, 4}, new float[4], new float[] {5, 9, 9, 1},
                new float[4]);
        assertEquals(List.of(1, 2, 0), vae.leastLikely(3).stream().map(Scores.Ranked::index).toList(),
                "highest -log p(x) first, ties by index");
        Scores ae = new Scores(3, 0, 2, new float[] {1, 7, 3}, new float[3], null, new float[3]);
        assertEquals(List.of(1, 2, 0), ae.leastLikely(5).stream().map(Scores.Ranked::index).toList());
        assertEquals(null, ae.likelihood());
        assertEquals((5 + 9 + 9 + 1) / 4.0, vae.likelihood().nll(), 1e-12);
    }

    /** The projection of 2-D codes is the identity; longer codes go to their principal plane. */
    @Test
    void projections() {
        float[] flat = {0, 0, 1, 1, 2, 2};
        Projection identity = Projection.fit(flat, 3, 2);
        assertArrayEquals(flat, identity.apply(flat, 3), 0f);
        // points on a line in 3-D: all the variance in the first component
        float[] line = {1, 2, 3, 2, 4, 6, 3, 6, 9, 4, 8, 12};
        Projection pca = Projection.fit(line, 4, 3);
        assertEquals(1, pca.explained(), 1e-6);
        float[] points = pca.apply(line, 4);
        assertEquals(0, points[1], 1e-5);
        assertEquals(Math.sqrt(14), Math.abs(points[2] - points[0]), 1e-5);
        assertArrayEquals(line, pca.invert(points, 4), 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> Projection.fit(new float[3], 3, 1));
    }

    /** Dataset.binarized draws the same bits as the engine's u < x with the same stream. */
    @Test
    void binarizationMatchesTheEngine() {
        float[] x = new float[6 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) / 6f;
        }
        Dataset data = Dataset.tabular("t", x, null, 6, 5);
        Dataset binary = data.binarized(11);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray u = Rng.forStream(11, RngStreams.BINARIZATION).uniform(m, new Shape(6, 5));
            float[] engine = u.lt(m.create(x, new Shape(6, 5))).toType(DataType.FLOAT32, false).toFloatArray();
            assertArrayEquals(engine, binary.x(), 0f);
        }
        assertEquals(0f, binary.x()[0]);
        assertEquals(1f, binary.x()[6], "x = 1 is always on");
    }
}
