package org.vae4j.run;

import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainingListener;

/**
 * Collects the Java heap at the end of every epoch. Each step leaves a little garbage that survives a
 * young collection and is promoted; with nothing to trigger a full collection the old generation, and
 * with it resident memory, grew by about 12 MiB an epoch on Fashion-MNIST. A full collection of the
 * few MiB that are live takes milliseconds.
 */
final class HeapCompaction implements TrainingListener {

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        System.gc();
    }
}
