package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.vae4j.dist.Distribution;

/** The decoder z -> p(x|z): a DJL block whose output parameterizes the likelihood family. */
public final class Decoder {

    private final Block network;
    private final Likelihood likelihood;
    private final double sigma;

    public Decoder(Block network, Likelihood likelihood, double sigma) {
        this.network = network;
        this.likelihood = likelihood;
        this.sigma = sigma;
    }

    public Block network() {
        return network;
    }

    /** p(x|z) for z of shape [B, L]. */
    public Distribution likelihood(ParameterStore ps, NDArray z, boolean training) {
        NDArray output = network.forward(ps, new NDList(z), training).singletonOrThrow();
        return likelihood.distribution(output, sigma);
    }
}
