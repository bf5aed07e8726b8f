package org.vae4j.dist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** The prior p(z) of a latent-variable model: fixed (StandardNormal) or learned (GaussianMixturePrior). */
public interface Prior {

    /** log p(z), summed over latent dimensions, shape [..] for z of shape [.., L]. */
    NDArray logProb(NDArray z);

    /** n draws z ~ p(z), shape [n, L], in {@code manager}. */
    NDArray sample(NDManager manager, int n, Rng rng);

    /**
     * KL(q || p) per example, shape [B]: analytic where the prior allows it, otherwise the one-sample
     * Monte Carlo estimate log q(z) - log p(z) at the given z ~ q.
     */
    NDArray kl(DiagonalGaussian q, NDArray z);

    int latentDim();
}
