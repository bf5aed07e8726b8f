package org.vae4j.infer;

/**
 * An importance-sampled estimate of the mean negative log-likelihood over a dataset.
 *
 * @param n the number of examples
 * @param k the number of importance samples per example
 * @param nll mean of -L_k(x), nats per example
 * @param stdErr standard error of that mean over examples
 * @param dim the data dimension D, for bits per dimension
 */
public record LikelihoodEstimate(int n, int k, double nll, double stdErr, int dim) {

    /**
     * The estimate from per-example values: nll = -(1/n) sum_i log p^(x_i), stdErr = sd_i(log p^(x_i)) /
     * sqrt(n), in double precision.
     */
    public static LikelihoodEstimate of(float[] logPx, int k, int dim) {
        int n = logPx.length;
        double sum = 0;
        double sumSq = 0;
        for (float v : logPx) {
            sum += -v;
            sumSq += (double) v * v;
        }
        double mean = sum / n;
        double variance = n > 1 ? (sumSq - n * mean * mean) / (n - 1) : 0;
        return new LikelihoodEstimate(n, k, mean, Math.sqrt(Math.max(variance, 0) / n), dim);
    }

    /** nll / (D ln 2). */
    public double bitsPerDim() {
        return nll / (dim * Math.log(2));
    }
}
