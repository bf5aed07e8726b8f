package org.vae4j.train;

/**
 * What one epoch measured, per example in nats. The test columns are -ELBO and its terms (the
 * reconstruction loss for an auto-encoder); the train columns are the training objective's: -ELBO, or
 * for --objective iwae -L_k in trainLoss and trainRecon with trainKl 0 (the bound has no separate KL).
 *
 * @param seconds wall time of the epoch's training steps (not the test pass)
 * @param rssMiB resident memory of the process after the epoch, or NaN where unknown
 * @param trainLayerKl the KL of each stochastic layer, the layer next to x first (empty when there is one
 *     layer or none): how many nats each layer uses
 * @param testLayerKl the same on the test set
 */
public record EpochMetrics(int epoch, double seconds, double trainLoss, double trainRecon, double trainKl,
        double testLoss, double testRecon, double testKl, double klWeight, double rssMiB, double[] trainLayerKl,
        double[] testLayerKl) {

    /** Metrics of a model with one stochastic layer (or none). */
    public EpochMetrics(int epoch, double seconds, double trainLoss, double trainRecon, double trainKl,
            double testLoss, double testRecon, double testKl, double klWeight, double rssMiB) {
        this(epoch, seconds, trainLoss, trainRecon, trainKl, testLoss, testRecon, testKl, klWeight, rssMiB,
                new double[0], new double[0]);
    }
}
