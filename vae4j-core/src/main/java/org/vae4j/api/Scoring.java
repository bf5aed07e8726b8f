package org.vae4j.api;

import java.util.function.IntConsumer;
import org.vae4j.dist.RngStreams;

/**
 * How a trained model scores data: the importance samples k of the IWAE estimate of log p(x), the seed
 * whose streams {@link RngStreams#SCORE_ELBO} and {@link RngStreams#SCORE_IWAE} give the noise (the
 * same seed gives the same numbers, and two models scored with one seed see the same draws of eps),
 * and a callback told the examples done.
 *
 * @param importanceSamples k, the samples per example of the IWAE estimate (at least 1)
 * @param seed the seed of the noise
 * @param progress receives the number of examples whose IWAE estimate is done
 */
public record Scoring(int importanceSamples, long seed, IntConsumer progress) {

    /** The k of {@link #defaults()}: IWAE with 1000 samples, the figure papers report. */
    public static final int DEFAULT_IMPORTANCE_SAMPLES = 1000;

    public Scoring {
        if (importanceSamples < 1) {
            throw new IllegalArgumentException("importance samples must be at least 1, got " + importanceSamples);
        }
        if (progress == null) {
            throw new IllegalArgumentException("progress is required (use n -> { } for none)");
        }
    }

    /** k = 1000, seed 1, no progress reports. */
    public static Scoring defaults() {
        return new Scoring(DEFAULT_IMPORTANCE_SAMPLES, 1, done -> { });
    }

    /** These settings with k importance samples. */
    public Scoring withImportanceSamples(int k) {
        return new Scoring(k, seed, progress);
    }

    /** These settings with another seed. */
    public Scoring withSeed(long newSeed) {
        return new Scoring(importanceSamples, newSeed, progress);
    }

    /** These settings reporting progress to {@code callback}. */
    public Scoring withProgress(IntConsumer callback) {
        return new Scoring(importanceSamples, seed, callback);
    }
}
