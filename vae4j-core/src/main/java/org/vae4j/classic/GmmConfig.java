package org.vae4j.classic;
import org.vae4j.error.SettingException;


/**
 * How to fit a {@link GaussianMixture}, immutable and validated.
 *
 * @param components K, the number of mixture components (at least 1)
 * @param covariance full or diagonal covariances
 * @param maxIterations the most EM iterations (E-step then M-step) run (at least 1)
 * @param tolerance EM stops once an iteration raises the mean log-likelihood per example by less than
 *     this many nats (0: run all {@code maxIterations}, even
 *     once the gains are rounding noise)
 * @param regularization added to every covariance diagonal after each M-step (as scikit-learn's
 *     reg_covar), so that a component collapsing onto a few points stays invertible; 0 gives the exact
 *     maximum-likelihood M-step
 * @param seed seeds the k-means++ initialisation
 */
public record GmmConfig(int components, CovarianceType covariance, int maxIterations, double tolerance,
        double regularization, long seed) {

    public GmmConfig {
        if (components < 1) {
            throw new SettingException("components", "the number of components", "must be at least 1, got " + components);
        }
        if (covariance == null) {
            throw new IllegalArgumentException("the covariance type is required");
        }
        if (maxIterations < 1) {
            throw new SettingException("maxIterations", "the number of iterations", "must be at least 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new SettingException("tolerance", "the tolerance", "must be a non-negative number, got " + tolerance);
        }
        if (!(regularization >= 0) || Double.isInfinite(regularization)) {
            throw new SettingException("regularization", "the regularization", "must be a non-negative number, got "
                    + regularization);
        }
    }

    public static Builder builder(int components) {
        return new Builder(components);
    }

    /** Defaults: full covariances, 100 iterations, tolerance 1e-6 nats, regularization 1e-6, seed 1. */
    public static final class Builder {
        private final int components;
        private CovarianceType covariance = CovarianceType.FULL;
        private int maxIterations = 100;
        private double tolerance = 1e-6;
        private double regularization = 1e-6;
        private long seed = 1;

        private Builder(int components) {
            this.components = components;
        }

        public Builder covariance(CovarianceType covariance) {
            this.covariance = covariance;
            return this;
        }

        public Builder maxIterations(int maxIterations) {
            this.maxIterations = maxIterations;
            return this;
        }

        public Builder tolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        public Builder regularization(double regularization) {
            this.regularization = regularization;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public GmmConfig build() {
            return new GmmConfig(components, covariance, maxIterations, tolerance, regularization, seed);
        }
    }
}
