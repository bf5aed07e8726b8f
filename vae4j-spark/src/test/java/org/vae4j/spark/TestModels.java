package org.vae4j.spark;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.dist.Rng;
import org.vae4j.io.DataInfo;
import org.vae4j.io.ModelInfo;
import org.vae4j.io.ModelStore;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.train.TrainConfig;

/** Small models and data for the tests. */
final class TestModels {

    static final int DIM = 12;

    private TestModels() {
    }

    /** A freshly initialized VAE of 1 x 12 inputs (Gaussian likelihood, latent 3), saved in {@code dir}. */
    static Path tinyVae(Path dir) {
        ModelConfig config = new ModelConfig(ModelKind.VAE, 1, DIM, 3, List.of(16), Likelihood.GAUSSIAN_LEARNED, 0.1);
        ModelInfo info = new ModelInfo(config, new TrainConfig(1, 16, 1e-3, 1, 0, false, 7), 1,
                new DataInfo("synthetic", "crc32c:00000000", 100, 0, null, null));
        try (NDManager manager = NDManager.newBaseManager();
                LatentModel model = LatentModel.create(config, manager, 7)) {
            ModelStore.save(dir, model, info, null);
        }
        return dir;
    }

    /** n rows of DIM uniform values from {@code seed}, row-major. */
    static float[] uniform(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * DIM];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        return x;
    }
}
