package org.vae4j.io;

import org.vae4j.data.DataOptions;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.data.Scaling;
import org.vae4j.error.InputException;
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

    /**
     * Reads DATA for this model: a CSV file with the scaling and split seed the model was trained with,
     * image data as it is; its shape must fit the model.
     *
     * @param where how messages name the model, e.g. its folder
     * @throws InputException naming DATA when it does not fit
     */
    public DataSplit readData(String spec, DataOptions options, String where) {
        Scaling scaling = scaling();
        if (scaling != null && DataSources.isImageData(spec)) {
            throw new InputException(spec + ": image data, but the model in " + where + " was trained on the "
                    + scaling.dim() + " columns of the CSV file " + data.name() + "; give a CSV file with the same columns");
        }
        DataOptions opts = options == null ? DataOptions.defaults() : options;
        if (data.resize() != null && opts.resize() == null) {
            opts = opts.withResize(data.resize());     // a folder of images, resized as in training
        }
        DataSplit split = DataSources.resolve(spec, opts.forModel(training.seed(), scaling));
        requireShape(split.test(), spec, where);
        return split;
    }

    /** Fails with one line naming {@code name} unless the examples have the model's D values. */
    public void requireShape(Dataset examples, String name, String where) {
        if (examples.dim() != config.inputDim()) {
            throw new InputException(name + ": " + shape(examples.height(), examples.width(), examples.channels())
                    + " = " + examples.dim() + " values per example, but the model in " + where + " expects "
                    + shape(config.height(), config.width(), config.channels()) + " = " + config.inputDim());
        }
    }

    /** "28x28", or "32x32x3" for colour. */
    private static String shape(int height, int width, int channels) {
        return height + "x" + width + (channels == 1 ? "" : "x" + channels);
    }

    /** The per-column scaling of a model of CSV data, null for a model of images. */
    public Scaling scaling() {
        return data.scaleMin() == null ? null : new Scaling(data.scaleMin(), data.scaleMax());
    }

    public ModelInfo withEpochsDone(int epochs) {
        return new ModelInfo(config, training, epochs, data);
    }

    public ModelInfo withTraining(TrainConfig newTraining) {
        return new ModelInfo(config, newTraining, epochsDone, data);
    }
}
