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

    /** nll / (D ln 2). */
    public double bitsPerDim() {
        return nll / (dim * Math.log(2));
    }
}
