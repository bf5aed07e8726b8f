package org.vae4j.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.data.IdxImages;
import org.vae4j.dist.Ops;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;

/** A DJL VAE as the coder's model: exact round trips, bit-identical recomputation, what it refuses. */
class VaeCodingModelTest {

    private static final ModelConfig BERNOULLI_VAE = new ModelConfig(ModelKind.VAE, 6, 6, 3, List.of(16),
            Likelihood.BERNOULLI, 1.0);

    /** 200 random binary 6x6 images and the all-black and all-white ones round-trip through an untrained VAE. */
    @Test
    void randomImagesRoundTripThroughAVae() {
        try (NDManager manager = NDManager.newBaseManager(); LatentModel vae = LatentModel.create(BERNOULLI_VAE, manager, 3)) {
            VaeCodingModel model = VaeCodingModel.of(vae);
            assertEquals(2, model.levels());
            assertEquals(36, model.dim());
            byte[] fingerprint = ModelFingerprint.of(vae);
            IdxImages images = BbAnsTest.randomImages(200, 6, 6, new ByteLevels(2), 8);
            byte[] pixels = Arrays.copyOf(images.pixels(), images.pixels().length + 72);
            Arrays.fill(pixels, images.pixels().length + 36, pixels.length, (byte) 255);
            Compressor compressor = new Compressor(model, fingerprint, CoderSettings.DEFAULT);
            IdxImages all = new IdxImages(202, 6, 6, pixels);
            byte[] bytes = compressor.compress(all, 70, 2, 1, i -> { }).toBytes();
            IdxImages back = compressor.decompress(CompressedFile.read(java.nio.file.Path.of("x.vae"), bytes),
                    java.nio.file.Path.of("x.vae"), 2, i -> { });
            assertArrayEquals(pixels, back.pixels());
        }
    }

    /** The same image gives the same posterior bits, and the same z the same log-pmf bits, call after call. */
    @Test
    void networkCallsAreBitIdenticalWhenRepeated() {
        try (NDManager manager = NDManager.newBaseManager(); LatentModel vae = LatentModel.create(BERNOULLI_VAE, manager, 4)) {
            VaeCodingModel model = VaeCodingModel.of(vae);
            int[] x = new int[36];
            for (int d = 0; d < 36; d += 3) {
                x[d] = 1;
            }
            GaussianPosterior first = model.posterior(x);
            GaussianPosterior second = model.posterior(x);
            assertArrayEquals(first.mean(), second.mean());
            assertArrayEquals(first.std(), second.std());
            double[] z = {0.3, -1.2, 2.0};
            float[] logPmf = model.logPmf(z);
            assertArrayEquals(logPmf, model.logPmf(z));
            // each pixel's two probabilities sum to 1
            for (int d = 0; d < 36; d++) {
                assertEquals(1.0, Math.exp(logPmf[2 * d]) + Math.exp(logPmf[2 * d + 1]), 1e-6);
            }
        }
    }

    /** The fingerprint changes when one parameter changes. */
    @Test
    void fingerprintFollowsTheParameters() {
        try (NDManager manager = NDManager.newBaseManager(); LatentModel vae = LatentModel.create(BERNOULLI_VAE, manager, 5)) {
            byte[] before = ModelFingerprint.of(vae);
            assertArrayEquals(before, ModelFingerprint.of(vae));
            float[] w = vae.parameters().get(0).getArray().toFloatArray();
            w[0] += 1e-3f;
            Ops.assign(vae.parameters().get(0).getArray(), w);
            assertFalse(Arrays.equals(before, ModelFingerprint.of(vae)));
        }
    }

    @Test
    void refusesModelsWithoutALikelihoodOverLevels() {
        try (NDManager manager = NDManager.newBaseManager();
                LatentModel gaussian = LatentModel.create(new ModelConfig(ModelKind.VAE, 2, 2, 2, List.of(4),
                        Likelihood.GAUSSIAN, 1.0), manager, 1);
                LatentModel ae = LatentModel.create(new ModelConfig(ModelKind.AE, 2, 2, 2, List.of(4),
                        Likelihood.BERNOULLI, 1.0), manager, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VaeCodingModel.of(gaussian));
            assertTrue(e.getMessage().contains("this model's is gaussian"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> VaeCodingModel.of(ae));
            assertTrue(e.getMessage().contains("auto-encoder"), e.getMessage());
        }
    }
}
