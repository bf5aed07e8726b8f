package org.vae4j.run;

import java.nio.file.Path;
import org.vae4j.error.InputException;
import org.vae4j.model.LatentModel;
import org.vae4j.optim.Adam;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainingListener;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelInfo;

/**
 * Saves the model and the optimizer state after every epoch, atomically, so training can resume
 * and a failure later never loses more than the running epoch.
 */
public final class Checkpointer implements TrainingListener {

    private final Path dir;
    private final LatentModel model;
    private final Adam adam;
    private ModelInfo info;

    public Checkpointer(Path dir, LatentModel model, Adam adam, ModelInfo info) {
        this.dir = dir;
        this.model = model;
        this.adam = adam;
        this.info = info;
    }

    /**
     * @throws InputException when the checkpoint cannot be written (a full disk), saying which checkpoint
     *     is kept
     */
    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        ModelInfo next = info.withEpochsDone(metrics.epoch());
        try {
            ModelStore.save(dir, model, next, adam);
        } catch (InputException e) {
            throw new InputException(e.getMessage() + "; " + (info.epochsDone() > 0
                    ? "the last good checkpoint (epoch " + info.epochsDone() + ") is kept" : "no epoch was saved before"),
                    e);
        }
        info = next;
    }

    /** The epochs of the last saved checkpoint. */
    public int epochsSaved() {
        return info.epochsDone();
    }
}
