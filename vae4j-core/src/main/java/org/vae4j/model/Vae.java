package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.vae4j.nn.ParameterVector;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Prior;
import org.vae4j.dist.StandardNormal;

/** A variational auto-encoder: p(x, z) = p(z) p(x|z) with an amortized posterior q(z|x). */
public final class Vae extends LatentModel {

    private final Prior prior;

    Vae(ModelConfig config, NDManager manager, Encoder encoder, Decoder decoder, ParameterVector vector) {
        super(config, manager, encoder, decoder, vector);
        this.prior = new StandardNormal(config.latentDim());
    }

    public Prior prior() {
        return prior;
    }

    /** q(z|x). */
    public DiagonalGaussian posterior(ParameterStore ps, NDArray x, boolean training) {
        return encoder().posterior(ps, x, training);
    }

    /** The posterior mean E_q[z] = mu(x). */
    @Override
    public NDArray code(ParameterStore ps, NDArray x) {
        return posterior(ps, x, false).mean();
    }
}
