package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Distribution;
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

    /**
     * q of the code a model shows (maps, features, interpolations): a plain VAE's q(z|x, y), a hierarchical
     * VAE's top layer along the mean path.
     */
    DiagonalGaussian codePosterior(ParameterStore ps, NDArray x, NDArray condition);

    /** E_q[z_l] of every stochastic layer, the layer next to x first (for counting active units). */
    List<NDArray> layerMeans(ParameterStore ps, NDArray x, NDArray condition);

    /**
     * p(x | z, y) for n draws z ~ p(z), every layer of a hierarchical model drawn in turn (ancestral
     * sampling); {@code condition} holds n one-hot rows for a class-conditional model, else null. Arrays go
     * to the store's manager.
     */
    Distribution generate(ParameterStore ps, int n, NDArray condition, Rng rng);

    /** The number of stochastic layers (1 for a plain VAE). */
    default int layers() {
        return 1;
    }
}
