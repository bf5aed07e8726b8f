package org.vae4j.dist;

import ai.djl.ndarray.NDArray;

/**
 * A batch of distributions over vectors: element b of the batch is a distribution on R^D (or
 * {0,1}^D). Log-densities are summed over the D event dimensions and returned per example, shape [B].
 */
public interface Distribution {

    /** log p(x), summed over the event dimensions: shape [B] for x of shape [B, D]. */
    NDArray logProb(NDArray x);

    /** A draw without a gradient path to the parameters. */
    NDArray sample(Rng rng);

    /** The mean of each distribution, shape [B, D]. */
    NDArray mean();
}
