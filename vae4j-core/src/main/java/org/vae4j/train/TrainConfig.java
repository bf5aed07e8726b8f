package org.vae4j.train;

/**
 * How to train, immutable and validated.
 *
 * @param epochs the epoch to stop after (counting from 1, including epochs of a resumed run)
 * @param batchSize examples per step
 * @param learningRate Adam's step size
 * @param beta weight of the KL term (beta-VAE; 1 gives the ELBO)
 * @param warmupEpochs epochs over which the KL weight rises linearly from 0 to beta (0: none)
 * @param binarize draw each training batch as x ~ Bernoulli(pixel) anew (dynamic binarization)
 * @param seed seeds initialization, shuffling and noise
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, double beta, int warmupEpochs,
        boolean binarize, long seed) {

    public TrainConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be positive, got " + learningRate);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("--beta must be non-negative, got " + beta);
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("--warmup must be non-negative, got " + warmupEpochs);
        }
    }

    /** The KL weight at a fractional position in training (epochs done, e.g. 2.5). */
    public double klWeight(double epochsDone) {
        return warmupEpochs == 0 ? beta : beta * Math.min(1.0, epochsDone / warmupEpochs);
    }

    /** pytorch/examples' settings: 10 epochs, batch 128, Adam 1e-3, beta 1, seed 1. */
    public static TrainConfig defaults() {
        return new TrainConfig(10, 128, 1e-3, 1.0, 0, false, 1);
    }
}
