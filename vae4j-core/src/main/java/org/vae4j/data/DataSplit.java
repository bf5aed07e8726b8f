package org.vae4j.data;

import java.util.Objects;

/**
 * A train and a test set of the same shape, the scaling applied to both, and where they came from.
 *
 * @param train the training examples
 * @param test the held-out examples
 * @param scaling the per-column scaling fitted on train (or given), null for images already in [0, 1]
 * @param source a human description of the origin, e.g. "/usr/share/datasets/fashion-mnist"
 */
public record DataSplit(Dataset train, Dataset test, Scaling scaling, String source) {

    public DataSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(source, "source");
        if (train.dim() != test.dim() || train.height() != test.height()) {
            throw new IllegalArgumentException("train is " + train.height() + "x" + train.width()
                    + " but test is " + test.height() + "x" + test.width());
        }
        if (train.hasLabels() != test.hasLabels()) {
            throw new IllegalArgumentException("train and test must both have labels or both have none");
        }
        if (scaling != null && scaling.dim() != train.dim()) {
            throw new IllegalArgumentException("scaling has " + scaling.dim() + " columns, data " + train.dim());
        }
    }
}
