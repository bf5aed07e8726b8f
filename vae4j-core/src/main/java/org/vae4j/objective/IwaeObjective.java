package org.vae4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Rng;
import org.vae4j.model.VariationalModel;

/**
 * Training on the importance-weighted bound: loss(x) = -L_k(x), all k samples reparameterized
 * (Burda et al. 2016). The bound has no separate KL term, so {@link Terms#kl()} is null and beta does
 * not apply.
 */
public final class IwaeObjective implements Objective {

    private final IwaeBound bound;

    public IwaeObjective(VariationalModel model, int k) {
        this.bound = new IwaeBound(model, k, k);
    }

    @Override
    public Terms terms(ParameterStore ps, NDArray x, NDArray condition, Rng rng, boolean training) {
        return Terms.withoutKl(bound.logMarginal(ps, x, condition, rng, training).neg());
    }
}
