package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.DiagonalGaussian;

/**
 * The encoder network x -> h. Any DJL block that maps [B, D] to [B, outputs] fits (an MLP now, a
 * convolutional stack later): for a VAE the output holds the mean and log-variance of q(z|x).
 */
public final class Encoder {

    private final Block network;

    public Encoder(Block network) {
        this.network = network;
    }

    public Block network() {
        return network;
    }

    /** The raw network output, shape [B, outputs]. */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return network.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** q(z|x) = N(mu(x), diag(exp(logVar(x)))), the two halves of the output. */
    public DiagonalGaussian posterior(ParameterStore ps, NDArray x, boolean training) {
        NDArray output = forward(ps, x, training);
        NDList halves = output.split(2, output.getShape().dimension() - 1);
        return new DiagonalGaussian(halves.get(0), halves.get(1));
    }
}
