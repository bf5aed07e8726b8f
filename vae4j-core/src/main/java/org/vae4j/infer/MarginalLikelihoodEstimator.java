package org.vae4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Rng;
import org.vae4j.model.Vae;

/**
 * A Monte Carlo estimate of the marginal likelihood log p(x) = log E_p(z)[p(x|z)] of a VAE from M
 * samples per example: by sampling the prior ({@link PriorSampling}) or the encoder's posterior
 * ({@link ImportanceSampling}). The samples are decoded in chunks, so memory does not grow with M.
 */
public interface MarginalLikelihoodEstimator {

    /** The chunk size used when none is given: up to 100 samples decoded at once. */
    int DEFAULT_CHUNK = 100;

    /**
     * The estimate of log p(x | y) per example, shape [B], in nats, in the manager of {@code x};
     * {@code condition} is one-hot [B, C] for a class-conditional model, otherwise null.
     */
    NDArray logMarginal(ParameterStore ps, NDArray x, NDArray condition, Rng rng);

    /** M, the number of samples per example. */
    int samples();

    /** How many samples are decoded at once: memory grows as chunk x B x D decoder outputs. */
    int chunk();

    /** The estimator's kind, as named on the command line. */
    Kind kind();

    /** The estimators there are, named as on the command line. */
    enum Kind {
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

        /** The estimator of this kind with M = {@code samples}, decoding {@link #DEFAULT_CHUNK} at most at once. */
        public MarginalLikelihoodEstimator create(Vae vae, int samples) {
            int chunk = Math.max(1, Math.min(samples, DEFAULT_CHUNK));
            return this == PRIOR ? new PriorSampling(vae, samples, chunk) : new ImportanceSampling(vae, samples, chunk);
        }
    }
}
