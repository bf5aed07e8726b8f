package org.vae4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Rng;
import org.vae4j.model.Autoencoder;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Vae;
import org.vae4j.error.SettingException;
import org.vae4j.model.VariationalModel;

/** A per-example objective on a batch x of shape [B, D]. */
public interface Objective {

    /** The terms for x given the condition y (one-hot [B, C], or null for an unconditional model). */
    Terms terms(ParameterStore ps, NDArray x, NDArray condition, Rng rng, boolean training);

    /** The terms of an unconditional model. */
    default Terms terms(ParameterStore ps, NDArray x, Rng rng, boolean training) {
        return terms(ps, x, null, rng, training);
    }

    /** The ELBO for a VAE, the reconstruction loss for an auto-encoder. */
    static Objective of(LatentModel model) {
        if (model instanceof VariationalModel variational) {
            return new Elbo(variational);
        }
        return new ReconstructionLoss((Autoencoder) model);
    }

    /**
     * Rejects the score-function estimator with a learned prior: that prior's KL is a Monte Carlo
     * estimate at a stopped z, and its own score term is not implemented.
     *
     * @throws IllegalArgumentException naming the flags
     */
    static void requireSupported(ModelConfig config, GradientEstimator estimator) {
        if (estimator == GradientEstimator.SCORE_FUNCTION && config.prior().isLearned()) {
            throw new SettingException("estimator", "the score-function estimator", "needs the standard prior, whose KL "
                    + "is analytic, not the " + config.prior().id() + " prior; use reparameterization");
        }
    }

    /**
     * What training minimizes: the ELBO or the IWAE bound, with reparameterized or score-function
     * gradients; the reconstruction loss for an auto-encoder.
     */
    static Objective forTraining(LatentModel model, ObjectiveKind kind, int k, GradientEstimator estimator) {
        if (!(model instanceof VariationalModel variational)) {
            if (kind != ObjectiveKind.ELBO || estimator != GradientEstimator.REPARAMETERIZATION) {
                throw new SettingException("objective", "the objective", "of an auto-encoder is its reconstruction loss: "
                        + "the IWAE objective and score-function gradients are for a vae");
            }
            return new ReconstructionLoss((Autoencoder) model);
        }
        if (kind == ObjectiveKind.IWAE) {
            return new IwaeObjective(variational, k);
        }
        if (estimator == GradientEstimator.SCORE_FUNCTION) {
            if (!(model instanceof Vae vae)) {
                throw new SettingException("estimator", "the score-function estimator", "is implemented for a one-layer "
                        + "vae; a hierarchical VAE trains with reparameterization");
            }
            requireSupported(vae.config(), estimator);
            return ScoreFunctionElbo.withMovingAverage(vae, ScoreFunctionElbo.DEFAULT_DECAY);
        }
        return new Elbo(variational);
    }
}
