package org.vae4j.api;

import java.util.Arrays;
import org.vae4j.classic.NearestNeighbors;

/**
 * The codes of n examples: for a VAE the mean and log-variance of q(z|x) per example, for an
 * auto-encoder its code f(x) (in {@code mean}) and no log-variance.
 *
 * @param latentDim L, the values per code
 * @param mean n * L values, row-major: E_q[z] (VAE) or f(x) (auto-encoder)
 * @param logVar n * L values of log sigma^2 of q(z|x); null for an auto-encoder
 */
public record Encoding(int n, int latentDim, float[] mean, float[] logVar) {

    public Encoding {
        if ((long) n * latentDim != mean.length || (logVar != null && logVar.length != mean.length)) {
            throw new IllegalArgumentException(mean.length + " values do not make " + n + " codes of " + latentDim);
        }
    }

    /** The deterministic code of example i: the posterior mean, or f(x). */
    public float[] code(int i) {
        return Arrays.copyOfRange(mean, i * latentDim, (i + 1) * latentDim);
    }

    /** True when the codes come with a posterior spread (a VAE). */
    public boolean hasLogVar() {
        return logVar != null;
    }

    /**
     * The indices of the k codes nearest to {@code query} (Euclidean), nearest first, ties by index.
     *
     * @param query L values
     */
    public int[] nearest(float[] query, int k) {
        if (query.length != latentDim) {
            throw new IllegalArgumentException("a query of " + query.length + " values for codes of " + latentDim);
        }
        return NearestNeighbors.nearest(mean, n, query, 1, latentDim, k);
    }
}
