package org.vae4j.infer;

/**
 * What repeated estimates g_1..g_R of one gradient (the encoder's, of the mean ELBO of a batch) say
 * about the estimator that drew them.
 *
 * @param estimator the estimator
 * @param samples S, draws of z per example in each estimate
 * @param repeats R, independent estimates
 * @param traceCovariance tr Cov(g) = sum_j Var(g_j), each variance the unbiased one over the R estimates
 * @param meanSquaredNorm |g_bar|^2 of the mean estimate g_bar = (1/R) sum_r g_r; it includes the noise
 *     of that mean, E|g_bar|^2 = |E g|^2 + tr Cov(g) / R
 * @param meanGradient g_bar, one value per encoder parameter (in the order of the encoder's parameters)
 * @param variance the unbiased variance of each coordinate over the R estimates; their sum is the trace
 */
public record GradientStatistics(GradientVariance.Estimator estimator, int samples, int repeats,
        double traceCovariance, double meanSquaredNorm, double[] meanGradient, double[] variance) {

    /**
     * |g_bar|^2 - tr Cov(g) / R, an unbiased estimate of |E g|^2; negative when the noise of the mean
     * drowns the signal, as it does for a score-function estimate without a baseline.
     */
    public double unbiasedSquaredNorm() {
        return meanSquaredNorm - traceCovariance / repeats;
    }
}
