package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.dist.Rng;
import org.vae4j.infer.Evaluator;
import org.vae4j.io.DataInfo;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;
import org.vae4j.optim.Adam;
import org.vae4j.data.ResidentData;
import org.vae4j.train.TrainConfig;
import org.vae4j.train.Trainer;

class ConditionalVaeTest {

    private static final int CLASSES = 3;
    private static final int D = 6;
    /** Class c lights pixels 2c and 2c+1. */
    private static final float[][] PROTOTYPES = {{1, 1, 0, 0, 0, 0}, {0, 0, 1, 1, 0, 0}, {0, 0, 0, 0, 1, 1}};

    private static ModelConfig config() {
        return ModelConfig.builder().kind(ModelKind.CVAE).shape(1, D).latentDim(2).hidden(List.of(16))
                .classes(CLASSES).build();
    }

    @Test
    void conditionIsOneHotAndRequiredOnlyByConditionalModels() {
        try (NDManager m = NDManager.newBaseManager();
                LatentModel cvae = LatentModel.create(config(), m, 1);
                LatentModel vae = LatentModel.create(ModelConfig.builder().shape(1, D).latentDim(2).build(), m, 1)) {
            NDArray condition = cvae.condition(m, new int[] {2, 0});
            assertEquals(new Shape(2, CLASSES), condition.getShape());
            assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, condition.toFloatArray());
            assertNull(vae.condition(m, new int[] {2, 0}));
            assertThrows(IllegalArgumentException.class, () -> cvae.condition(m, new int[] {3}));
            assertThrows(IllegalArgumentException.class, () -> cvae.condition(m, null));
            NDArray x = m.zeros(new Shape(2, D));
            assertThrows(IllegalArgumentException.class, () -> cvae.code(LatentModel.inference(m), x));
        }
        assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder().kind(ModelKind.CVAE).classes(1).build());
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.builder().classes(3).build());
    }

    @Test
    void trainedDecoderDrawsTheClassItIsGiven(@TempDir Path dir) {
        int n = 600;
        float[] x = new float[n * D];
        int[] labels = new int[n];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            labels[i] = i % CLASSES;
            for (int j = 0; j < D; j++) {
                float v = PROTOTYPES[labels[i]][j] * (0.7f + 0.3f * (float) random.nextDouble());
                x[i * D + j] = v;
            }
        }
        TrainConfig training = new TrainConfig(40, 32, 1e-2, 1.0, 0, false, 3);
        try (NDManager m = NDManager.newBaseManager();
                LatentModel cvae = LatentModel.create(config(), m, 3);
                Adam adam = Adam.forVector(cvae.parameterVector(), training.learningRate(), m)) {
            NDArray values = m.create(x, new Shape(n, D));
            ResidentData data = new ResidentData(values, labels);
            new Trainer(cvae, adam, training, List.of()).fit(data, data, 1);
            // decode z = 0 with each label: the brightest pixels are the label's
            ParameterStore ps = LatentModel.inference(m);
            int[] each = {0, 1, 2};
            float[] means = cvae.decode(ps, m.zeros(new Shape(CLASSES, 2)), cvae.condition(m, each), false)
                    .mean().toFloatArray();
            for (int c = 0; c < CLASSES; c++) {
                for (int j = 0; j < D; j++) {
                    boolean lit = PROTOTYPES[c][j] > 0;
                    float v = means[c * D + j];
                    assertTrue(lit ? v > 0.6f : v < 0.2f, "class " + c + " pixel " + j + " = " + v);
                }
            }
            double conditioned = new Evaluator(cvae, 100).elbo(new ResidentData(values, labels), new Rng(9)).negElbo();
            int[] wrong = new int[n];
            for (int i = 0; i < n; i++) {
                wrong[i] = (labels[i] + 1) % CLASSES;
            }
            double mislabelled = new Evaluator(cvae, 100).elbo(new ResidentData(values, wrong), new Rng(9)).negElbo();
            assertTrue(mislabelled > conditioned + 1, "wrong labels cost nats: " + mislabelled + " vs " + conditioned);

            ModelInfo info = new ModelInfo(cvae.config(), training, 40, new DataInfo("synthetic", "crc32c:0", n, n,
                    null, null));
            ModelStore.save(dir.resolve("model"), cvae, info, adam);
            try (ModelStore.LoadedModel loaded = ModelStore.load(dir, m)) {
                assertEquals(CLASSES, loaded.model().config().classes());
                assertEquals(ModelKind.CVAE, loaded.model().config().kind());
                double reloaded = new Evaluator(loaded.model(), 100).elbo(new ResidentData(values, labels), new Rng(9)).negElbo();
                assertEquals(conditioned, reloaded, 1e-5 * Math.abs(conditioned));
            }
        }
    }
}
