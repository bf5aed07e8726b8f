package org.vae4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;

/**
 * IWAE scoring sizes its chunks by what a decode passes through: a conv decoder's feature maps too, not
 * only D (a conv VAE's training run peaked at 1.7 GB in its evaluation pass when only D counted).
 */
class ChunkSizeTest {

    @Test
    void aConvDecoderCountsItsFeatureMaps() {
        ModelConfig mlp = ModelConfig.builder().build();
        ModelConfig conv = ModelConfig.builder().convolutional(List.of(32, 64)).hidden(List.of(256)).build();
        assertEquals(784, mlp.decodeFootprint());
        // 784 + 2 (32 x 28 x 28 + 64 x 14 x 14)
        assertEquals(784 + 2 * (32 * 784 + 64 * 196), conv.decodeFootprint());
        ModelConfig odd = ModelConfig.builder().shape(27, 31).channels(3).convolutional(List.of(4)).build();
        assertEquals(27 * 31 * 3 + 2 * 4 * 27 * 31, odd.decodeFootprint());
        try (NDManager manager = NDManager.newBaseManager(); LatentModel model = LatentModel.create(mlp, manager, 1)) {
            Evaluator evaluator = new Evaluator(model, 500);
            assertEquals(53, evaluator.rowsPerChunk(mlp.decodeFootprint(), 100));   // 4 M / (784 x 100)
            assertEquals(1, evaluator.rowsPerChunk(conv.decodeFootprint(), 100));
            assertEquals(500, evaluator.rowsPerChunk(mlp.decodeFootprint(), 1));
        }
    }
}
