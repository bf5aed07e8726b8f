package org.vae4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Rng;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Vae;

/** A per-example objective on a batch x of shape [B, D]. */
public interface Objective {

    Terms terms(ParameterStore ps, NDArray x, Rng rng, boolean training);

    /** The ELBO for a VAE, the reconstruction loss for an auto-encoder. */
    static Objective of(LatentModel model) {
        if (model instanceof Vae vae) {
            return new Elbo(vae);
        }
        return new ReconstructionLoss(model);
    }
}
