package org.vae4j.run;

import java.time.Duration;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainingListener;

/**
 * Ends training before an epoch that would not fit in a wall-clock budget: after each epoch, training
 * goes on only if the time so far plus the last epoch's time (training, test pass and checkpoint) stays
 * within the limit. Models trained for the same budget can be compared fairly on one machine.
 */
public final class TimeLimit implements TrainingListener {

    private final long limitNanos;
    private long startNanos = -1;
    private long epochStartNanos;

    public TimeLimit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a time limit must be positive, got " + limit);
        }
        this.limitNanos = limit.toNanos();
    }

    @Override
    public void onEpochStart(int epoch, int steps) {
        epochStartNanos = System.nanoTime();
        if (startNanos < 0) {
            startNanos = epochStartNanos;
        }
    }

    @Override
    public boolean proceed(EpochMetrics finished) {
        // every listener's onEpochEnd (the checkpoint too) has run: the epoch's whole cost is known
        long now = System.nanoTime();
        return now - startNanos + (now - epochStartNanos) <= limitNanos;
    }
}
