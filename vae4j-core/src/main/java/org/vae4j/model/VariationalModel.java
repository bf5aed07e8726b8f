package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Rng;

/**
 * What the bounds need of a latent-variable model with an amortized posterior: reparameterized draws
 * z ~ q(z|x) and the log-densities at them. The ELBO, the importance-weighted bound and the marginal
 * likelihood estimators are written against this, so a one-layer VAE, a hierarchical VAE or a
 * convolutional one all drop in.
 */
public interface VariationalModel {

    /**
     * k reparameterized draws z ~ q(z | x, y) per example and the terms of the bounds at each, every one of
     * shape [k, B] (the ELBO takes k = 1, the importance-weighted bound k > 1). {@code condition} is one-hot
     * [B, C] for a class-conditional model, null otherwise. The draws' noise comes from {@code rng}.
     */
    LatentDraws draw(ParameterStore ps, NDArray x, NDArray condition, int k, Rng rng, boolean training);

    /** The number of stochastic layers (1 for a plain VAE). */
    default int layers() {
        return 1;
    }
}
