package org.vae4j.infer;

/**
 * Dataset means of per-example quantities, in nats per example.
 *
 * @param n the number of examples
 * @param recon mean reconstruction term -E_q[log p(x|z)]
 * @param kl mean KL(q(z|x) || p(z)) (0 for an auto-encoder)
 * @param layerKl the mean KL of each stochastic layer, the layer next to x first (empty for one layer)
 */
public record Evaluation(int n, double recon, double kl, double[] layerKl) {

    /** The means of a model with one stochastic layer (or none). */
    public Evaluation(int n, double recon, double kl) {
        this(n, recon, kl, new double[0]);
    }

    /** Mean -ELBO = recon + KL. */
    public double negElbo() {
        return recon + kl;
    }
}
