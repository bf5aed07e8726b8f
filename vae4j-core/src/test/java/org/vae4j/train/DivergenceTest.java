package org.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.run.Checkpointer;
import org.vae4j.io.DataInfo;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.optim.Adam;

/**
 * A non-finite loss stops training with {@link TrainingDivergedException} before the bad step's
 * update, and the checkpoint of the last finished epoch stays on disk, loadable and unchanged.
 */
class DivergenceTest {

    private static final int N_TRAIN = 256;
    private static final int N_TEST = 64;
    private static final int DIM = 16;

    @Test
    void nanParameterStopsTrainingAndKeepsTheLastCheckpoint(@TempDir Path dir) {
        Path modelDir = dir.resolve(ModelStore.MODEL_DIR);
        ModelConfig config = ModelConfig.builder().shape(1, DIM).latentDim(2).hidden(List.of(8)).build();
        TrainConfig training = new TrainConfig(2, 64, 1e-3, 1.0, 0, false, 1);
        ModelInfo info = new ModelInfo(config, training, 0,
                new DataInfo("synthetic", "crc32c:00000000", N_TRAIN, N_TEST, null, null));
        try (NDManager root = NDManager.newBaseManager();
                LatentModel model = LatentModel.create(config, root, 1);
                Adam adam = new Adam(model.parameters(), training.learningRate(), root)) {
            NDArray train = root.create(uniform(N_TRAIN * DIM, 1), new Shape(N_TRAIN, DIM));
            NDArray test = root.create(uniform(N_TEST * DIM, 2), new Shape(N_TEST, DIM));
            Checkpointer checkpointer = new Checkpointer(modelDir, model, adam, info);
            Poisoner poisoner = new Poisoner(model, root);
            Trainer trainer = new Trainer(model, adam, training, List.of(checkpointer, poisoner));

            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.fit(train, test, 1));
            assertTrue(e.getMessage().contains("the loss became NaN at epoch 2, step 1"), e.getMessage());
            assertEquals(List.of(1), poisoner.epochsEnded);
            assertEquals(1, checkpointer.epochsSaved());
            assertEquals(N_TRAIN / 64, adam.stepCount(), "the updates of epoch 1, and none with the NaN loss");

            try (LoadedModel kept = ModelStore.load(dir, root)) {
                assertEquals(1, kept.info().epochsDone());
                List<Parameter> saved = kept.model().parameters();
                assertEquals(poisoner.snapshot.size(), saved.size());
                for (int i = 0; i < saved.size(); i++) {
                    float[] values = saved.get(i).getArray().toFloatArray();
                    for (float v : values) {
                        assertTrue(Float.isFinite(v), saved.get(i).getName() + " holds " + v);
                    }
                    assertArrayEquals(poisoner.snapshot.get(i), values, saved.get(i).getName());
                }
            }
        }
    }

    /** At the end of epoch 1 (after the checkpoint) keeps a copy of the parameters, then makes one NaN. */
    private static final class Poisoner implements TrainingListener {
        final List<Integer> epochsEnded = new ArrayList<>();
        final List<float[]> snapshot = new ArrayList<>();
        private final LatentModel model;
        private final NDManager manager;

        Poisoner(LatentModel model, NDManager manager) {
            this.model = model;
            this.manager = manager;
        }

        @Override
        public void onEpochEnd(EpochMetrics metrics) {
            epochsEnded.add(metrics.epoch());
            if (metrics.epoch() == 1) {
                for (Parameter p : model.parameters()) {
                    snapshot.add(p.getArray().toFloatArray());
                }
                try (NDArray nan = manager.full(new Shape(), Float.NaN)) {
                    model.parameters().get(0).getArray().muli(nan);
                }
            }
        }
    }

    private static float[] uniform(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble();
        }
        return values;
    }
}
