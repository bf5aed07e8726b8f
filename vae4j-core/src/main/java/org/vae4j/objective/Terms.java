package org.vae4j.objective;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Per-example terms of an objective, shape [B], in nats.
 *
 * @param recon -E_q[log p(x|z)] estimated with the drawn z (or -log p(x|f(x)) for an auto-encoder)
 * @param kl KL(q(z|x) || p(z)), summed over the stochastic layers; null for a deterministic auto-encoder
 * @param layerKl the KL term of each stochastic layer, the layer next to x first (empty without a KL)
 */
public record Terms(NDArray recon, NDArray kl, List<NDArray> layerKl) {

    public Terms {
        layerKl = List.copyOf(layerKl);
    }

    /** One KL term (or none, null). */
    public Terms(NDArray recon, NDArray kl) {
        this(recon, kl, kl == null ? List.of() : List.of(kl));
    }

    /** A reconstruction term alone: an auto-encoder's loss, or a bound with no separate KL term. */
    public static Terms withoutKl(NDArray recon) {
        return new Terms(recon, null, List.of());
    }

    /** One KL term per layer, summed into {@link #kl}. */
    public Terms(NDArray recon, List<NDArray> layers) {
        this(recon, sum(layers), layers);
    }

    private static NDArray sum(List<NDArray> layers) {
        NDArray total = layers.get(0);
        for (int l = 1; l < layers.size(); l++) {
            total = total.add(layers.get(l));
        }
        return total;
    }

    /** -ELBO = recon + KL (just recon without a KL term). */
    public NDArray negElbo() {
        return kl == null ? recon : recon.add(kl);
    }

    /**
     * The batch's loss: mean(recon) + beta * sum_l max(lambda, mean(KL_l)) (free bits, Kingma et al. 2016,
     * eq. 15), beta and lambda 0-d arrays; with {@code freeBits} null, mean(recon + beta KL).
     */
    public NDArray meanLoss(NDArray beta, NDArray freeBits) {
        if (freeBits == null || kl == null) {
            return loss(beta).mean();
        }
        NDArray penalty = null;
        for (NDArray layer : layerKl) {
            NDArray term = layer.mean().maximum(freeBits);
            penalty = penalty == null ? term : penalty.add(term);
        }
        return recon.mean().add(penalty.mul(beta));
    }

    /** recon + beta * KL, beta a 0-d array: the beta-VAE loss (Higgins et al. 2017). */
    public NDArray loss(NDArray beta) {
        return kl == null ? recon : recon.add(kl.mul(beta));
    }
}
