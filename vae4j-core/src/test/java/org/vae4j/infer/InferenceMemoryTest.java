package org.vae4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.dist.Rng;
import org.vae4j.model.Hierarchy;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.model.PriorKind;

/**
 * Inference leaves nothing in the model's manager: an op on a parameter's own array would put its result
 * there for the model's lifetime (the conv VAE's resident memory grew 250 MiB per epoch's test pass).
 * After the ELBO and IWAE passes the model's manager holds exactly the arrays it held before.
 */
class InferenceMemoryTest {

    static Stream<ModelConfig> models() {
        return Stream.of(
                ModelConfig.builder().shape(8, 8).latentDim(2).hidden(List.of(8)).build(),
                ModelConfig.builder().shape(8, 8).latentDim(2).hidden(List.of(8)).convolutional(List.of(4, 8)).build(),
                ModelConfig.builder().shape(8, 8).channels(3).latentDim(2).hidden(List.of(8))
                        .convolutional(List.of(4)).likelihood(Likelihood.GAUSSIAN).sigma(0.5).build(),
                ModelConfig.builder().shape(8, 8).latentDim(2).hidden(List.of(8)).prior(PriorKind.MOG, 3).build(),
                ModelConfig.builder().shape(8, 8).latentDim(2).hidden(List.of(8)).prior(PriorKind.VAMP, 3).build(),
                ModelConfig.builder().shape(8, 8).kind(ModelKind.HVAE).latents(List.of(4, 2)).hidden(List.of(8))
                        .hierarchy(Hierarchy.TOP_DOWN).convolutional(List.of(4)).build(),
                ModelConfig.builder().shape(8, 8).kind(ModelKind.HVAE).latents(List.of(4, 2)).hidden(List.of(8))
                        .hierarchy(Hierarchy.BOTTOM_UP).build());
    }

    @ParameterizedTest
    @MethodSource("models")
    void inferenceLeavesTheModelsManagerAsItWas(ModelConfig config) {
        int n = 40;
        int d = config.inputDim();
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() < 0.3 ? 1f : 0f;
        }
        try (NDManager root = NDManager.newBaseManager(); LatentModel model = LatentModel.create(config, root, 1)) {
            NDArray data = root.create(x, new Shape(n, d));
            Evaluator evaluator = new Evaluator(model, 16);
            evaluator.elbo(data, new Rng(1)); // first use: lazily made constants may appear once
            int before = arrays(model.manager());
            evaluator.elbo(data, new Rng(2));
            evaluator.iwae(data, 5, new Rng(3), done -> { });
            assertEquals(before, arrays(model.manager()), config.kind() + " " + config.architecture());
        }
    }

    private static int arrays(NDManager manager) {
        return ((BaseNDManager) manager).getManagedArrays().size();
    }
}
