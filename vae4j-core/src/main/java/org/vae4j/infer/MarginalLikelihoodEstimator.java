package org.vae4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Rng;
import org.vae4j.model.Vae;
import org.vae4j.model.VariationalModel;

/**
 * A Monte Carlo estimate of the marginal likelihood log p(x) = log E_p(z)[p(x|z)] of a VAE from M
 * samples per example: by sampling the prior ({@link PriorSampling}) or the encoder's posterior
 * ({@link ImportanceSampling}). The samples are decoded in chunks, so memory does not grow with M.
 */
public abstract sealed class MarginalLikelihoodEstimator permits PriorSampling, ImportanceSampling {

    /** The chunk size used when none is given: up to 100 samples decoded at once. */
    public static final int DEFAULT_CHUNK = 100;

    private final int samples;
    private final int chunk;

    /**
     * @param samples M, the number of samples per example
     * @param chunk how many samples to decode at once (memory is chunk x B x D floats)
     */
    protected MarginalLikelihoodEstimator(int samples, int chunk) {
        if (samples < 1 || chunk < 1) {
            throw new IllegalArgumentException("samples and chunk must be positive, got M=" + samples + ", chunk="
                    + chunk);
        }
        this.samples = samples;
        this.chunk = chunk;
    }

    /**
     * The estimate of log p(x | y) per example, shape [B], in nats, in the manager of {@code x};
     * {@code condition} is one-hot [B, C] for a class-conditional model, otherwise null.
     */
    public abstract NDArray logMarginal(ParameterStore ps, NDArray x, NDArray condition, Rng rng);

    /** M, the number of samples per example. */
    public int samples() {
        return samples;
    }

    /** How many samples are decoded at once: memory grows as chunk x B x D decoder outputs. */
    public int chunk() {
        return chunk;
    }

    /** The estimator's kind, as named on the command line. */
    public abstract Kind kind();

    /** The estimators there are, named as on the command line. */
    public enum Kind {
        /** z_j ~ p(z): {@link PriorSampling}. */
        PRIOR("prior"),
        /** z_j ~ q(z|x): {@link ImportanceSampling}. */
        IMPORTANCE("importance");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.id.equals(text)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown estimator '" + text + "' (expected prior or importance)");
        }

        /**
         * The estimator of this kind with M = {@code samples}, decoding {@link #DEFAULT_CHUNK} at most at once.
         *
         * @throws IllegalArgumentException for prior sampling of a model with more than one stochastic layer
         */
        public MarginalLikelihoodEstimator create(VariationalModel model, int samples) {
            int chunk = Math.max(1, Math.min(samples, DEFAULT_CHUNK));
            if (this == IMPORTANCE) {
                return new ImportanceSampling(model, samples, chunk);
            }
            if (!(model instanceof Vae vae)) {
                throw new IllegalArgumentException("prior sampling is implemented for one stochastic layer");
            }
            return new PriorSampling(vae, samples, chunk);
        }
    }
}
