package org.vae4j.train;

import org.vae4j.objective.GradientEstimator;
import org.vae4j.objective.ObjectiveKind;

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
 * @param objective the bound maximized: the ELBO or the IWAE bound
 * @param k importance samples per example of the IWAE bound (1 for the ELBO)
 * @param estimator how the encoder's gradient is estimated
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, double beta, int warmupEpochs,
        boolean binarize, long seed, ObjectiveKind objective, int k, GradientEstimator estimator) {

    public TrainConfig {
        if (objective == null || estimator == null) {
            throw new IllegalArgumentException("objective and estimator are required");
        }
        if (objective == ObjectiveKind.ELBO ? k != 1 : k < 1) {
            throw new IllegalArgumentException(objective == ObjectiveKind.ELBO
                    ? "--k is for --objective iwae; the ELBO uses one sample, got k=" + k
                    : "--k must be at least 1, got " + k);
        }
        if (objective == ObjectiveKind.IWAE && (beta != 1 || warmupEpochs != 0)) {
            throw new IllegalArgumentException("--objective iwae has no KL term to weigh: drop --beta and --warmup");
        }
        if (objective == ObjectiveKind.IWAE && estimator != GradientEstimator.REPARAMETERIZATION) {
            throw new IllegalArgumentException("--objective iwae is trained with --estimator reparam only");
        }
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

    /** Plain ELBO training with reparameterized gradients. */
    public TrainConfig(int epochs, int batchSize, double learningRate, double beta, int warmupEpochs,
            boolean binarize, long seed) {
        this(epochs, batchSize, learningRate, beta, warmupEpochs, binarize, seed, ObjectiveKind.ELBO, 1,
                GradientEstimator.REPARAMETERIZATION);
    }

    /** This configuration with another objective and number of importance samples. */
    public TrainConfig withObjective(ObjectiveKind newObjective, int newK) {
        return new TrainConfig(epochs, batchSize, learningRate, beta, warmupEpochs, binarize, seed, newObjective,
                newK, estimator);
    }

    /** This configuration with another gradient estimator. */
    public TrainConfig withEstimator(GradientEstimator newEstimator) {
        return new TrainConfig(epochs, batchSize, learningRate, beta, warmupEpochs, binarize, seed, objective, k,
                newEstimator);
    }

    /** This configuration trained up to another epoch. */
    public TrainConfig withEpochs(int newEpochs) {
        return new TrainConfig(newEpochs, batchSize, learningRate, beta, warmupEpochs, binarize, seed, objective, k,
                estimator);
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
