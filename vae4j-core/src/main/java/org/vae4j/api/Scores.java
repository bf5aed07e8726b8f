package org.vae4j.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vae4j.infer.Evaluation;
import org.vae4j.infer.LikelihoodEstimate;

/**
 * A model's scores of every example of a dataset, in nats, and their dataset means.
 *
 * @param k the importance samples of the IWAE estimate (0 for an auto-encoder, which has no likelihood)
 * @param dim D, the values per example (for bits per dimension)
 * @param recon -log p(x_i|z_i) with one draw z_i ~ q(z|x_i) (an auto-encoder: -log p(x_i | f(x_i)))
 * @param kl KL(q(z|x_i) || p(z)) (zeros for an auto-encoder)
 * @param nll the IWAE estimate -L_k(x_i) of -log p(x_i); null for an auto-encoder
 * @param squaredError |x_i - E[x | z = code(x_i)]|^2 summed over the D values, of the decoder means
 */
public record Scores(int n, int k, int dim, float[] recon, float[] kl, float[] nll, float[] squaredError) {

    /** One example and its scores, in the order {@link #leastLikely} ranks them. */
    public record Ranked(int index, double nll, double negElbo, double squaredError) {
    }

    /** -ELBO_i = recon_i + kl_i. */
    public double negElbo(int i) {
        return (double) recon[i] + kl[i];
    }

    /** The means of the ELBO's terms over the examples. */
    public Evaluation elbo() {
        double reconSum = 0;
        double klSum = 0;
        for (int i = 0; i < n; i++) {
            reconSum += recon[i];
            klSum += kl[i];
        }
        return new Evaluation(n, reconSum / n, klSum / n);
    }

    /** The mean IWAE estimate of -log p(x) and its standard error over examples; null for an auto-encoder. */
    public LikelihoodEstimate likelihood() {
        if (nll == null) {
            return null;
        }
        float[] logPx = new float[n];
        for (int i = 0; i < n; i++) {
            logPx[i] = -nll[i];
        }
        return LikelihoodEstimate.of(logPx, k, dim);
    }

    /** The reconstruction mean squared error per value: sum_i squaredError_i / (n D). */
    public double meanSquaredError() {
        double sum = 0;
        for (float e : squaredError) {
            sum += e;
        }
        return sum / ((double) n * dim);
    }

    /**
     * The {@code count} examples the model finds least likely, least likely first: highest -log p(x)
     * for a VAE, highest reconstruction loss for an auto-encoder (which has no likelihood); ties by index.
     */
    public List<Ranked> leastLikely(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be non-negative, got " + count);
        }
        List<Ranked> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(new Ranked(i, nll == null ? Double.NaN : nll[i], negElbo(i), squaredError[i]));
        }
        Comparator<Ranked> byBadness = nll == null ? Comparator.comparingDouble(Ranked::negElbo)
                : Comparator.comparingDouble(Ranked::nll);
        all.sort(byBadness.reversed().thenComparingInt(Ranked::index));
        return List.copyOf(all.subList(0, Math.min(count, n)));
    }
}
