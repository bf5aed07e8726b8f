package org.vae4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.dist.Rng;
import org.vae4j.infer.Evaluation;
import org.vae4j.infer.Evaluator;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.Hierarchy;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;

/**
 * A convolutional and a hierarchical model saved and loaded again give the same test ELBO (same data,
 * same noise) to 1e-5, and their config, architecture and layers come back from model.json.
 */
class DeepModelStoreTest {

    @TempDir
    Path tmp;

    static Stream<ModelConfig> models() {
        return Stream.of(
                ModelConfig.builder().shape(9, 7).channels(3).latentDim(3).hidden(List.of(8))
                        .convolutional(List.of(4, 8)).likelihood(Likelihood.GAUSSIAN).sigma(0.3).build(),
                ModelConfig.builder().shape(8, 8).kind(ModelKind.HVAE).latents(List.of(4, 2)).hidden(List.of(8))
                        .hierarchy(Hierarchy.TOP_DOWN).convolutional(List.of(4)).build(),
                ModelConfig.builder().shape(8, 8).kind(ModelKind.HVAE).latents(List.of(5, 3, 2)).hidden(List.of(8))
                        .hierarchy(Hierarchy.BOTTOM_UP).build());
    }

    @ParameterizedTest
    @MethodSource("models")
    void savedAndLoadedGivesTheSameElbo(ModelConfig config) {
        int n = 30;
        int d = config.inputDim();
        SplittableRandom random = new SplittableRandom(9);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() < 0.4 ? 1f : 0f;
        }
        DataInfo data = new DataInfo("test", "crc32c:00000000", n, n, null, null);
        ModelInfo info = new ModelInfo(config, TinyModel.TRAINING, 1, data);
        try (NDManager root = NDManager.newBaseManager(); LatentModel model = LatentModel.create(config, root, 4)) {
            NDArray test = root.create(x, new Shape(n, d));
            Evaluation before = new Evaluator(model, 7).elbo(test, new Rng(3));
            ModelStore.save(tmp.resolve("run").resolve(ModelStore.MODEL_DIR), model, info, null);
            try (LoadedModel loaded = ModelStore.loadForInference(tmp.resolve("run"), root)) {
                assertEquals(config, loaded.info().config());
                Evaluation after = new Evaluator(loaded.model(), 7).elbo(test, new Rng(3));
                assertEquals(before.negElbo(), after.negElbo(), 1e-5);
                assertEquals(before.kl(), after.kl(), 1e-5);
            }
        }
    }
}
