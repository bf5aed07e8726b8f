package org.vae4j.train;

/**
 * What one epoch measured, per example in nats. The test columns are -ELBO and its terms (the
 * reconstruction loss for an auto-encoder); the train columns are the training objective's: -ELBO, or
 * for --objective iwae -L_k in trainLoss and trainRecon with trainKl 0 (the bound has no separate KL).
 *
 * @param seconds wall time of the epoch's training steps (not the test pass)
 * @param rssMiB resident memory of the process after the epoch, or NaN where unknown
 */
public record EpochMetrics(int epoch, double seconds, double trainLoss, double trainRecon, double trainKl,
        double testLoss, double testRecon, double testKl, double klWeight, double rssMiB) {
}
