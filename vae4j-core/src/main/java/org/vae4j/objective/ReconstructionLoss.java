package org.vae4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Rng;
import org.vae4j.model.Autoencoder;

/**
 * The auto-encoder's loss -log p(x | f(x)): with a fixed-variance Gaussian decoder this is the
 * squared error |x - g(f(x))|^2 / (2 sigma^2) plus a constant; with a Bernoulli, the cross-entropy.
 */
public final class ReconstructionLoss implements Objective {

    private final Autoencoder model;

    public ReconstructionLoss(Autoencoder model) {
        this.model = model;
    }

    @Override
    public Terms terms(ParameterStore ps, NDArray x, NDArray condition, Rng rng, boolean training) {
        NDArray code = model.encode(ps, x, condition, training);
        NDArray logPxGivenZ = model.decode(ps, code, condition, training).logProb(x);
        return Terms.withoutKl(logPxGivenZ.neg());
    }
}
