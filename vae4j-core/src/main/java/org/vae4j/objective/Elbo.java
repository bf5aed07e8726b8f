package org.vae4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Rng;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.model.LatentDraws;
import org.vae4j.model.VariationalModel;

/**
 * The evidence lower bound ELBO(x) = E_q(z|x)[log p(x|z)] - KL(q(z|x) || p(z)) (Kingma and Welling
 * 2014, eq. 7), estimated with one reparameterized draw z = mu + sigma * eps.
 */
public final class Elbo implements Objective {

    private final VariationalModel model;

    public Elbo(VariationalModel model) {
        this.model = model;
    }

    /** recon = -log p(x|z), kl = sum over layers of KL(q || p), both at one draw z ~ q(z|x). */
    @Override
    public Terms terms(ParameterStore ps, NDArray x, NDArray condition, Rng rng, boolean training) {
        LatentDraws draw = model.draw(ps, x, condition, 1, rng, training);
        NDArray logPxGivenZ = draw.logPxGivenZ().squeeze(0);
        List<NDArray> layers = new ArrayList<>();
        for (NDArray kl : draw.kl()) {
            layers.add(kl.squeeze(0));
        }
        return new Terms(logPxGivenZ.neg(), layers);
    }
}
