package org.vae4j.train;

import org.vae4j.objective.GradientEstimator;
import org.vae4j.objective.ObjectiveKind;
import org.vae4j.error.SettingException;

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
 * @param freeBits lambda, nats of KL per stochastic layer that training does not penalize (Kingma et al.
 *     2016): each layer's term is max(lambda, its KL averaged over the batch); 0 for none
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, double beta, int warmupEpochs,
        boolean binarize, long seed, ObjectiveKind objective, int k, GradientEstimator estimator,
        double freeBits) implements java.io.Serializable {

    public TrainConfig {
        if (objective == null || estimator == null) {
            throw new IllegalArgumentException("objective and estimator are required");
        }
        if (objective == ObjectiveKind.ELBO ? k != 1 : k < 1) {
            throw objective == ObjectiveKind.ELBO
                    ? new SettingException("k", "the number of importance samples", "is for the IWAE objective; the "
                            + "ELBO uses one sample, got k=" + k)
                    : new SettingException("k", "the number of importance samples", "must be at least 1, got " + k);
        }
        if (objective == ObjectiveKind.IWAE && (beta != 1 || warmupEpochs != 0)) {
            throw new SettingException("beta", "a KL weight or warm-up", "does not apply to the IWAE objective, which has no KL term");
        }
        if (objective == ObjectiveKind.IWAE && estimator != GradientEstimator.REPARAMETERIZATION) {
            throw new SettingException("estimator", "the gradient estimator", "must be reparameterization for the IWAE "
                    + "objective");
        }
        if (epochs < 1) {
            throw new SettingException("epochs", "the number of epochs", "must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new SettingException("batchSize", "the batch size", "must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new SettingException("learningRate", "the learning rate", "must be positive, got " + learningRate);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new SettingException("beta", "the KL weight beta", "must be non-negative, got " + beta);
        }
        if (warmupEpochs < 0) {
            throw new SettingException("warmupEpochs", "the warm-up", "must be non-negative, got " + warmupEpochs);
        }
        if (!(freeBits >= 0) || Double.isInfinite(freeBits)) {
            throw new SettingException("freeBits", "the free bits", "must be non-negative, got " + freeBits);
        }
        if (freeBits > 0 && objective == ObjectiveKind.IWAE) {
            throw new SettingException("freeBits", "free bits", "apply to the ELBO's KL terms, not the IWAE objective");
        }
    }

    /** Settings without free bits. */
    public TrainConfig(int epochs, int batchSize, double learningRate, double beta, int warmupEpochs,
            boolean binarize, long seed, ObjectiveKind objective, int k, GradientEstimator estimator) {
        this(epochs, batchSize, learningRate, beta, warmupEpochs, binarize, seed, objective, k, estimator, 0);
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
                newK, estimator, freeBits);
    }

    /** This configuration with another gradient estimator. */
    public TrainConfig withEstimator(GradientEstimator newEstimator) {
        return new TrainConfig(epochs, batchSize, learningRate, beta, warmupEpochs, binarize, seed, objective, k,
                newEstimator, freeBits);
    }

    /** This configuration trained up to another epoch. */
    public TrainConfig withEpochs(int newEpochs) {
        return new TrainConfig(newEpochs, batchSize, learningRate, beta, warmupEpochs, binarize, seed, objective, k,
                estimator, freeBits);
    }

    /** This configuration with lambda free nats per stochastic layer. */
    public TrainConfig withFreeBits(double lambda) {
        return new TrainConfig(epochs, batchSize, learningRate, beta, warmupEpochs, binarize, seed, objective, k,
                estimator, lambda);
    }

    /**
     * The settings a resumed run trains with: these (the saved run's) with the final epoch, the learning
     * rate and the batch size of {@code requested}. Any other difference would make the resumed run
     * another experiment than the saved one, so it is refused.
     *
     * @throws SettingException naming the first setting that differs
     */
    public TrainConfig resumedWith(TrainConfig requested) {
        requireSame("beta", "the KL weight beta", beta, requested.beta);
        requireSame("warmupEpochs", "the warm-up", warmupEpochs, requested.warmupEpochs);
        requireSame("binarize", "binarization", binarize, requested.binarize);
        requireSame("seed", "the seed", seed, requested.seed);
        requireSame("objective", "the objective", objective, requested.objective);
        requireSame("k", "the number of importance samples", k, requested.k);
        requireSame("estimator", "the gradient estimator", estimator, requested.estimator);
        requireSame("freeBits", "the free bits", freeBits, requested.freeBits);
        return new TrainConfig(requested.epochs, requested.batchSize, requested.learningRate, beta, warmupEpochs,
                binarize, seed, objective, k, estimator, freeBits);
    }

    private static void requireSame(String setting, String subject, Object saved, Object requested) {
        if (!saved.equals(requested)) {
            throw new SettingException(setting, subject, "of a resumed run cannot change: the saved run has " + saved
                    + ", asked " + requested + " (only the epochs, the learning rate and the batch size can)");
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
