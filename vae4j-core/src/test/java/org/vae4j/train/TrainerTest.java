package org.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.optim.Adam;

class TrainerTest {

    private static final ModelConfig CONFIG = ModelConfig.builder().shape(1, 3).latentDim(2).hidden(List.of(4))
            .likelihood(Likelihood.GAUSSIAN).sigma(0.5).build();

    @Test
    void aNonFiniteLossStopsTrainingBeforeTheUpdate() {
        try (NDManager m = NDManager.newBaseManager(); LatentModel model = LatentModel.create(CONFIG, m, 1);
                Adam adam = new Adam(model.parameters(), 1e-3, m)) {
            List<float[]> before = values(model);
            float[] x = {0.1f, 0.2f, 0.3f, Float.POSITIVE_INFINITY, 0.5f, 0.6f};
            NDArray data = m.create(x, new Shape(2, 3));
            Trainer trainer = new Trainer(model, adam, new TrainConfig(1, 2, 1e-3, 1, 0, false, 1), List.of());
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.fit(data, data, 1));
            assertTrue(e.getMessage().contains("epoch 1, step 1"), e.getMessage());
            assertEquals(0, adam.stepCount());
            List<float[]> after = values(model);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "parameter " + i + " unchanged");
            }
        }
    }

    @Test
    void listenersSeeEveryStepAndEpochWithTheReportedLosses() {
        try (NDManager m = NDManager.newBaseManager(); LatentModel model = LatentModel.create(CONFIG, m, 1);
                Adam adam = new Adam(model.parameters(), 1e-2, m)) {
            float[] x = new float[10 * 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i * 7 % 10) / 10f;
            }
            NDArray data = m.create(x, new Shape(10, 3));
            List<double[]> steps = new ArrayList<>();
            List<EpochMetrics> ended = new ArrayList<>();
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onStep(int epoch, int step, double loss) {
                    steps.add(new double[] {epoch, step, loss});
                }

                @Override
                public void onEpochEnd(EpochMetrics metrics) {
                    ended.add(metrics);
                }
            };
            // 10 examples in batches of 4: steps of 4, 4 and 2 examples
            List<EpochMetrics> history = new Trainer(model, adam, new TrainConfig(2, 4, 1e-2, 1, 0, false, 1),
                    List.of(listener)).fit(data, data, 1);
            assertEquals(history, ended);
            assertEquals(6, steps.size());
            assertEquals(6, adam.stepCount());
            for (int e = 0; e < 2; e++) {
                // the epoch's train loss is the example-weighted mean of its step losses
                double weighted = 4 * steps.get(3 * e)[2] + 4 * steps.get(3 * e + 1)[2] + 2 * steps.get(3 * e + 2)[2];
                assertEquals(weighted / 10, history.get(e).trainLoss(), 1e-4 * Math.abs(weighted / 10));
                assertEquals(history.get(e).trainRecon() + history.get(e).trainKl(), history.get(e).trainLoss(), 1e-9);
                assertEquals(3, (int) steps.get(3 * e + 2)[1]);
            }
        }
    }

    @Test
    void klWeightWarmsUpLinearly() {
        TrainConfig warm = new TrainConfig(10, 128, 1e-3, 0.5, 4, false, 1);
        assertEquals(0.0, warm.klWeight(0), 0);
        assertEquals(0.25, warm.klWeight(2), 1e-15);
        assertEquals(0.5, warm.klWeight(4), 0);
        assertEquals(0.5, warm.klWeight(7.5), 0);
        assertEquals(0.5, new TrainConfig(10, 128, 1e-3, 0.5, 0, false, 1).klWeight(0), 0);
    }

    private static List<float[]> values(LatentModel model) {
        return model.parameters().stream().map(p -> p.getArray().toFloatArray()).toList();
    }
}
