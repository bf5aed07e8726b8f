package org.vae4j.run;

import java.util.List;
import org.vae4j.api.TrainedModel;
import org.vae4j.train.EpochMetrics;

/**
 * What a training run made: the trained model (valid until its {@link Training} is closed) and the
 * metrics of every epoch of the run, those of earlier sessions of a resumed run included.
 */
public record TrainingResult(TrainedModel model, List<EpochMetrics> history) {

    /** The last epoch's metrics, or null when no epoch was trained. */
    public EpochMetrics last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
