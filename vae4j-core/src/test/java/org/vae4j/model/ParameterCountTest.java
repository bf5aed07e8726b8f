package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The parameter count computed from a configuration is the built model's, for every kind of model. */
class ParameterCountTest {

    static Stream<ModelConfig> configs() {
        ModelConfig.Builder base = ModelConfig.builder().shape(6, 5).latentDim(3).hidden(List.of(7, 4));
        return Stream.of(
                base.build(),
                ModelConfig.builder().shape(6, 5).latentDim(3).hidden(List.of(7)).kind(ModelKind.AE).build(),
                ModelConfig.builder().shape(6, 5).latentDim(3).hidden(List.of(7)).kind(ModelKind.CVAE).classes(4).build(),
                ModelConfig.builder().shape(6, 5).latentDim(3).hidden(List.of(7)).prior(PriorKind.MOG, 5).build(),
                ModelConfig.builder().shape(6, 5).latentDim(3).hidden(List.of(7)).prior(PriorKind.VAMP, 5)
                        .likelihood(Likelihood.DISCRETIZED_LOGISTIC).build(),
                ModelConfig.builder().shape(28, 28).latentDim(20).hidden(List.of(256)).convolutional(List.of(32, 64))
                        .build(),
                ModelConfig.builder().shape(27, 31).channels(3).latentDim(5).hidden(List.of(16))
                        .convolutional(List.of(4, 8)).kind(ModelKind.CVAE).classes(3)
                        .likelihood(Likelihood.GAUSSIAN_LEARNED).build(),
                ModelConfig.builder().shape(6, 5).kind(ModelKind.HVAE).latents(List.of(4, 3, 2)).hidden(List.of(9, 8))
                        .hierarchy(Hierarchy.BOTTOM_UP).build(),
                ModelConfig.builder().shape(6, 5).kind(ModelKind.HVAE).latents(List.of(4, 2)).hidden(List.of(8))
                        .hierarchy(Hierarchy.TOP_DOWN).build(),
                ModelConfig.builder().shape(12, 8).channels(3).kind(ModelKind.HVAE).latents(List.of(4, 2))
                        .hidden(List.of(10, 8)).convolutional(List.of(3, 5)).hierarchy(Hierarchy.TOP_DOWN).build());
    }

    @ParameterizedTest
    @MethodSource("configs")
    void countedAsBuilt(ModelConfig config) {
        try (NDManager m = NDManager.newBaseManager(); LatentModel model = LatentModel.create(config, m, 1)) {
            assertEquals(model.parameterCount(), config.parameterCount(), config.toString());
        }
    }

    /** The twin of ../shared/bench/ref_convvae_pytorch.py has 1,691,369 parameters, as torch counts them. */
    @Test
    void theConvTwinsCount() {
        assertEquals(1_691_369, ModelConfig.builder().shape(28, 28).latentDim(20).hidden(List.of(256))
                .convolutional(List.of(32, 64)).build().parameterCount());
    }

    @Test
    void absurdSizesOverflowLoudly() {
        ModelConfig huge = ModelConfig.builder().latentDim(Integer.MAX_VALUE).hidden(List.of(Integer.MAX_VALUE)).build();
        assertThrows(ArithmeticException.class, huge::parameterCount);
    }
}
