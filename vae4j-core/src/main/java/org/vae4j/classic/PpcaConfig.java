package org.vae4j.classic;
import org.vae4j.error.SettingException;


/**
 * How to fit a {@link ProbabilisticPca} by EM, immutable and validated.
 *
 * @param latent q, the dimension of z (1..d-1)
 * @param maxIterations the most EM iterations run (at least 1)
 * @param tolerance EM stops once an iteration raises the mean log-likelihood per example by less than
 *     this many nats (0: run all {@code maxIterations})
 * @param seed seeds the random initial W
 */
public record PpcaConfig(int latent, int maxIterations, double tolerance, long seed) {

    public PpcaConfig {
        if (latent < 1) {
            throw new SettingException("latent", "the latent size", "must be at least 1, got " + latent);
        }
        if (maxIterations < 1) {
            throw new SettingException("maxIterations", "the number of iterations", "must be at least 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new SettingException("tolerance", "the tolerance", "must be a non-negative number, got " + tolerance);
        }
    }

    /**
     * q latent dimensions, at most 1000 iterations, tolerance 1e-6 nats, seed 1. Near the optimum EM shrinks
     * the error of a direction of eigenvalue lambda by about 1 - 2 sigma^2 (lambda - sigma^2) / lambda^2
     * per iteration, so data with lambda / sigma^2 in the hundreds need hundreds of iterations.
     */
    public static PpcaConfig of(int latent) {
        return new PpcaConfig(latent, 1000, 1e-6, 1);
    }
}
