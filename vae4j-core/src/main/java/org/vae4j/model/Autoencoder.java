package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.vae4j.nn.ParameterVector;

/** A deterministic auto-encoder with a bottleneck: code = f(x), reconstruction from p(x|code). */
public final class Autoencoder extends LatentModel {

    Autoencoder(ModelConfig config, NDManager manager, Encoder encoder, Decoder decoder, ParameterVector vector) {
        super(config, manager, encoder, decoder, vector);
    }

    /** The code f(x), shape [B, L]. */
    public NDArray encode(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        return encoder().forward(ps, conditioned(x, condition), training);
    }

    @Override
    public NDArray code(ParameterStore ps, NDArray x, NDArray condition) {
        return encode(ps, x, condition, false);
    }
}
