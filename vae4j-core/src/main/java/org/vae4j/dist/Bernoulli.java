package org.vae4j.dist;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Independent Bernoulli variables parameterized by logits l = log(p / (1 - p)), shape [B, D]. Used
 * as the decoder p(x|z) for data in [0, 1]: for grayscale x it is the (unnormalized) cross-entropy
 * likelihood of pytorch/examples' VAE.
 */
public final class Bernoulli implements DiscreteDistribution {

    private final NDArray logits;

    public Bernoulli(NDArray logits) {
        this.logits = logits;
    }

    public NDArray logits() {
        return logits;
    }

    /** p = sigmoid(l). */
    @Override
    public NDArray mean() {
        return logits.getNDArrayInternal().sigmoid();
    }

    /**
     * log p(x) = sum_d (x_d l_d - softplus(l_d)), i.e. minus the binary cross-entropy with logits,
     * stable for any |l| (softplus(l) = log(1 + e^l) never overflows). x may carry leading sample axes.
     */
    @Override
    public NDArray logProb(NDArray x) {
        return Ops.sumLast(x.mul(logits).sub(Activation.softPlus(logits)));
    }

    @Override
    public int levels() {
        return 2;
    }

    /** [log(1 - p), log p] = [-softplus(l), l - softplus(l)] per pixel, shape [B, D, 2]. */
    @Override
    public NDArray logPmf() {
        NDArray softplus = Activation.softPlus(logits);
        return softplus.neg().stack(logits.sub(softplus), logits.getShape().dimension());
    }

    @Override
    public NDArray sample(Rng rng) {
        NDArray u = rng.uniform(logits.getManager(), logits.getShape());
        return u.lt(mean()).toType(logits.getDataType(), false);
    }
}
