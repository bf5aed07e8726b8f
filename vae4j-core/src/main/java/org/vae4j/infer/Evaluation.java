package org.vae4j.infer;

/**
 * Dataset means of per-example quantities, in nats per example.
 *
 * @param n the number of examples
 * @param recon mean reconstruction term -E_q[log p(x|z)]
 * @param kl mean KL(q(z|x) || p(z)) (0 for an auto-encoder)
 */
public record Evaluation(int n, double recon, double kl) {

    /** Mean -ELBO = recon + KL. */
    public double negElbo() {
        return recon + kl;
    }
}
