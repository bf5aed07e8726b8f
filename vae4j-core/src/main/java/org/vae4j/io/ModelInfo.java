package org.vae4j.io;

import org.vae4j.model.ModelConfig;
import org.vae4j.train.TrainConfig;

/**
 * Everything model.json holds besides the parameters.
 *
 * @param config the architecture
 * @param training how it was trained
 * @param epochsDone the number of epochs the saved parameters have seen
 * @param data what it was trained on
 */
public record ModelInfo(ModelConfig config, TrainConfig training, int epochsDone, DataInfo data) {

    public ModelInfo withEpochsDone(int epochs) {
        return new ModelInfo(config, training, epochs, data);
    }

    public ModelInfo withTraining(TrainConfig newTraining) {
        return new ModelInfo(config, newTraining, epochsDone, data);
    }
}
