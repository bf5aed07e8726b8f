package org.vae4j.dist;

import ai.djl.ndarray.NDArray;

/**
 * A distribution over pixels that take finitely many levels v = 0..V-1, the value x = v / (V - 1) in
 * [0, 1]: what a lossless coder needs, since it must give every level a probability.
 */
public interface DiscreteDistribution extends Distribution {

    /** V, the number of levels of each pixel (2 for binary pixels, 256 for 8-bit ones). */
    int levels();

    /** log P(x_d = v / (V - 1)) for every level v: shape [B, D, V]; each row's probabilities sum to 1. */
    NDArray logPmf();
}
