package org.vae4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.error.InputException;
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

    /**
     * Format 5 changed what a top-down model's decoder reads (every layer, not z_1 alone): a top-down model
     * of format 4 is refused with one line, while other format-4 models (here bottom-up) still load.
     */
    @Test
    void aTopDownModelOfFormatFourIsRefusedAndOthersStillLoad() throws IOException {
        List<ModelConfig> configs = models().skip(1).toList();
        for (ModelConfig config : configs) {
            Path run = tmp.resolve(config.hierarchy().id());
            DataInfo data = new DataInfo("test", "crc32c:00000000", 2, 2, null, null);
            try (NDManager root = NDManager.newBaseManager(); LatentModel model = LatentModel.create(config, root, 4)) {
                ModelStore.save(run.resolve(ModelStore.MODEL_DIR), model, new ModelInfo(config, TinyModel.TRAINING, 1, data),
                        null);
            }
            Path dir = run.resolve(ModelStore.MODEL_DIR);
            Path json = dir.resolve("model.json");
            String text = Files.readString(json);
            assertTrue(text.contains("\"format_version\" : " + ModelJson.FORMAT_VERSION), text);
            Files.writeString(json, text.replace("\"format_version\" : " + ModelJson.FORMAT_VERSION, "\"format_version\" : 4"));
            ModelStoreTest.resign(dir);
            if (config.hierarchy() == Hierarchy.TOP_DOWN) {
                InputException e = assertThrows(InputException.class, () -> ModelStore.readInfo(run));
                assertTrue(e.getMessage().contains("top-down hierarchical VAE of format 4") && e.getMessage().contains("retrain"),
                        e.getMessage());
            } else {
                assertEquals(config, ModelStore.readInfo(run).config());
            }
        }
    }
}
