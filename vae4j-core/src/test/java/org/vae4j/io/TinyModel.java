package org.vae4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.vae4j.dist.Ops;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.optim.Adam;
import org.vae4j.train.TrainConfig;

/**
 * A VAE of 1x4 inputs and Adam with the state of one update, to save and load (the model of
 * legacy/MakeV1.java and MakeV2.java, which wrote the old folders in the test resources). Close it.
 */
final class TinyModel implements AutoCloseable {

    static final ModelConfig CONFIG = new ModelConfig(ModelKind.VAE, 1, 4, 2, List.of(3),
            Likelihood.GAUSSIAN_LEARNED, 0.1);
    static final TrainConfig TRAINING = new TrainConfig(5, 16, 1e-3, 0.5, 2, true, 17);
    static final DataInfo DATA = new DataInfo("iris.csv", "crc32c:0123abcd", 120, 30,
            new float[] {4.3f, 2.0f, 1.0f, 0.1f}, new float[] {7.9f, 4.4f, 6.9f, 2.5f});
    static final ModelInfo INFO = new ModelInfo(CONFIG, TRAINING, 3, DATA);

    final NDManager manager = NDManager.newBaseManager();
    final LatentModel model = LatentModel.create(CONFIG, manager, 5);
    final Adam adam = new Adam(model.parameters(), 1e-3, manager);

    TinyModel() {
        step();
    }

    /** One Adam update with a constant gradient, as an epoch of training would move the parameters. */
    void step() {
        try (NDManager step = manager.newSubManager()) {
            List<NDArray> gradients = model.parameters().stream()
                    .map(p -> step.ones(p.getArray().getShape()).mul(Ops.scalar(step, 0.3))).toList();
            adam.update(gradients);
        }
    }

    /** The values of the i-th parameter. */
    float[] parameter(int i) {
        return model.parameters().get(i).getArray().toFloatArray();
    }

    @Override
    public void close() {
        adam.close();
        model.close();
        manager.close();
    }
}
