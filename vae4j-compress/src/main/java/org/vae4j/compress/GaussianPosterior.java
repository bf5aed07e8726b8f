package org.vae4j.compress;

/**
 * A diagonal Gaussian q(z|x) = N(mean, diag(std^2)) of one image, in double precision.
 *
 * @param mean mu, length L
 * @param std sigma, length L, each finite and positive
 */
public record GaussianPosterior(double[] mean, double[] std) {

    public GaussianPosterior {
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means but " + std.length + " standard deviations");
        }
    }

    /** sigma = exp(logVar / 2) from the float log-variances a network outputs, in StrictMath. */
    public static GaussianPosterior ofLogVar(float[] mean, float[] logVar) {
        double[] mu = new double[mean.length];
        double[] sigma = new double[logVar.length];
        for (int j = 0; j < mu.length; j++) {
            mu[j] = mean[j];
            // sigma = exp(logVar / 2), kept above the smallest normal double so a bucket mass is defined
            sigma[j] = Math.max(StrictMath.exp(0.5 * logVar[j]), Double.MIN_NORMAL);
        }
        return new GaussianPosterior(mu, sigma);
    }
}
