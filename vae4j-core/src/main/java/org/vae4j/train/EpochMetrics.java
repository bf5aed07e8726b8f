package org.vae4j.train;

/**
 * What one epoch measured; losses are -ELBO per example in nats (the reconstruction loss for an
 * auto-encoder).
 *
 * @param seconds wall time of the epoch's training steps (not the test pass)
 * @param rssMiB resident memory of the process after the epoch, or NaN where unknown
 */
public record EpochMetrics(int epoch, double seconds, double trainLoss, double trainRecon, double trainKl,
        double testLoss, double testRecon, double testKl, double klWeight, double rssMiB) {
}
