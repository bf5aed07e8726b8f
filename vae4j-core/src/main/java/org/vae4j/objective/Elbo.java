package org.vae4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Distribution;
import org.vae4j.dist.Rng;
import org.vae4j.model.Vae;

/**
 * The evidence lower bound ELBO(x) = E_q(z|x)[log p(x|z)] - KL(q(z|x) || p(z)) (Kingma and Welling
 * 2014, eq. 7), estimated with one reparameterized draw z = mu + sigma * eps.
 */
public final class Elbo implements Objective {

    private final Vae vae;

    public Elbo(Vae vae) {
        this.vae = vae;
    }

    @Override
    public Terms terms(ParameterStore ps, NDArray x, NDArray condition, Rng rng, boolean training) {
        DiagonalGaussian q = vae.posterior(ps, x, condition, training);
        NDArray eps = rng.normal(x.getManager(), q.mean().getShape());
        NDArray z = q.rsample(eps);
        Distribution px = vae.decode(ps, z, condition, training);
        NDArray logPxGivenZ = px.logProb(x);
        NDArray kl = vae.prior(ps, training).kl(q, z);
        return new Terms(logPxGivenZ.neg(), kl);
    }
}
