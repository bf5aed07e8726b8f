package org.vae4j.train;

/** Hooks into the training loop: progress display, metrics files, checkpoints. */
public interface TrainingListener {

    /** Before the first step of an epoch. */
    default void onEpochStart(int epoch, int steps) {
    }

    /** After each step, with the step's mean loss per example. */
    default void onStep(int epoch, int step, double loss) {
    }

    /** After an epoch's training and test pass. */
    default void onEpochEnd(EpochMetrics metrics) {
    }

    /** After {@link #onEpochEnd}: false ends training before the next epoch (a time limit, say). */
    default boolean proceed(EpochMetrics finished) {
        return true;
    }
}
