package org.vae4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.data.Dataset;
import org.vae4j.dist.Rng;
import org.vae4j.dist.RowNoise;
import org.vae4j.io.DataInfo;
import org.vae4j.io.ModelInfo;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.train.TrainConfig;

/** Per-row noise: a row's scores do not depend on the rows scored with it. */
class RowScoresTest {

    private static final ModelConfig CONFIG = new ModelConfig(ModelKind.VAE, 1, 6, 2, List.of(5),
            Likelihood.GAUSSIAN_LEARNED, 0.1);

    /** Row i of a [k, B, L] draw equals the same row drawn alone, and [B, L] too. */
    @Test
    void perRowNoiseIgnoresItsNeighbours() {
        long[] seeds = {11, 22, 33};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] all = Rng.perRow(seeds).normal(m, new Shape(4, 3, 2)).toFloatArray();
            float[] alone = Rng.perRow(new long[] {22}).normal(m, new Shape(4, 1, 2)).toFloatArray();
            for (int j = 0; j < 4; j++) {
                assertArrayEquals(Arrays.copyOfRange(alone, j * 2, j * 2 + 2),
                        Arrays.copyOfRange(all, (j * 3 + 1) * 2, (j * 3 + 1) * 2 + 2), 0f);
            }
            float[] flat = Rng.perRow(seeds).normal(m, new Shape(3, 2)).toFloatArray();
            assertArrayEquals(Rng.perRow(new long[] {33}).normal(m, new Shape(1, 2)).toFloatArray(),
                    Arrays.copyOfRange(flat, 4, 6), 0f);
            assertThrows(IllegalArgumentException.class, () -> Rng.perRow(seeds).normal(m, new Shape(2, 2)));
            assertThrows(IllegalStateException.class, () -> Rng.perRow(seeds).nextDouble());
        }
    }

    @Test
    void keysFollowValues() {
        float[] rows = {1, 2, 3, 1, 2, 3, 1, 2, 4};
        long[] keys = RowNoise.keys(rows, 3, 3);
        assertEquals(keys[0], keys[1]);
        assertNotEquals(keys[0], keys[2]);
    }

    /** Scores of the rows in any split and order equal those of all rows at once. */
    @Test
    void scoresDoNotDependOnTheSplit() {
        int n = 700;
        float[] x = new float[n * 6];
        Rng rng = new Rng(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        Dataset data = Dataset.tabular("t", x, null, n, 6);
        try (NDManager manager = NDManager.newBaseManager();
                LatentModel network = LatentModel.create(CONFIG, manager, 3)) {
            ModelInfo info = new ModelInfo(CONFIG, new TrainConfig(1, 16, 1e-3, 1, 0, false, 3), 1,
                    new DataInfo("t", "crc32c:0", n, 0, null, null));
            TrainedModel model = TrainedModel.of(network, info, null);
            Scoring scoring = Scoring.defaults().withImportanceSamples(130);
            Scores whole = model.scoreRows(data, scoring);
            int[] tail = new int[n - 300];
            Arrays.setAll(tail, i -> n - 1 - i);
            Scores part = model.scoreRows(data.subset(tail), scoring);
            for (int i = 0; i < tail.length; i++) {
                int r = tail[i];
                assertEquals(whole.recon()[r], part.recon()[i], 1e-4, "recon of row " + r);
                assertEquals(whole.kl()[r], part.kl()[i], 1e-4);
                assertEquals(whole.nll()[r], part.nll()[i], 1e-4, "nll of row " + r);
                assertEquals(whole.squaredError()[r], part.squaredError()[i], 1e-4);
            }
            // a key column gives other noise than the values' keys
            long[] keys = new long[n];
            Arrays.setAll(keys, i -> i);
            assertNotEquals(whole.recon()[0], model.scoreRows(data, keys, scoring).recon()[0]);
        }
    }
}
