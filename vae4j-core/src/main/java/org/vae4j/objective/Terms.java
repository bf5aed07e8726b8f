package org.vae4j.objective;

import ai.djl.ndarray.NDArray;

/**
 * Per-example terms of an objective, shape [B], in nats.
 *
 * @param recon -E_q[log p(x|z)] estimated with the drawn z (or -log p(x|f(x)) for an auto-encoder)
 * @param kl KL(q(z|x) || p(z)); null for a deterministic auto-encoder
 */
public record Terms(NDArray recon, NDArray kl) {

    /** -ELBO = recon + KL (just recon without a KL term). */
    public NDArray negElbo() {
        return kl == null ? recon : recon.add(kl);
    }

    /** recon + beta * KL, beta a 0-d array: the beta-VAE loss (Higgins et al. 2017). */
    public NDArray loss(NDArray beta) {
        return kl == null ? recon : recon.add(kl.mul(beta));
    }
}
