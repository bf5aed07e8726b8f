package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import org.vae4j.dist.Bernoulli;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Distribution;
import org.vae4j.dist.Ops;

/** The family of the decoder p(x|z); the one place that maps a decoder output to a distribution. */
public enum Likelihood {
    /** Bernoulli on logits, for data in [0, 1]. */
    BERNOULLI("bernoulli", 1),
    /** Gaussian with a fixed standard deviation sigma: -log p(x|z) = |x - mu|^2 / (2 sigma^2) + const. */
    GAUSSIAN("gaussian", 1),
    /** Gaussian with a per-dimension variance that the decoder outputs. */
    GAUSSIAN_LEARNED("gaussian-learned", 2);

    /** Lower bound for a learned log-variance: sigma >= 1e-3 keeps densities finite on constant pixels. */
    static final double MIN_LOG_VAR = 2 * Math.log(1e-3);

    private final String id;
    private final int outputsPerDim;

    Likelihood(String id, int outputsPerDim) {
        this.id = id;
        this.outputsPerDim = outputsPerDim;
    }

    public String id() {
        return id;
    }

    /** How many decoder outputs each data dimension needs. */
    public int outputsPerDim() {
        return outputsPerDim;
    }

    public static Likelihood parse(String text) {
        for (Likelihood l : values()) {
            if (l.id.equals(text)) {
                return l;
            }
        }
        throw new IllegalArgumentException(
                "unknown likelihood '" + text + "' (expected bernoulli, gaussian or gaussian-learned)");
    }

    /** p(x|z) from the decoder's output of shape [.., D * outputsPerDim]. */
    public Distribution distribution(NDArray output, double sigma) {
        switch (this) {
            case BERNOULLI:
                return new Bernoulli(output);
            case GAUSSIAN:
                return new DiagonalGaussian(output, Ops.scalarLike(output, 2 * Math.log(sigma)));
            case GAUSSIAN_LEARNED:
                NDList halves = output.split(2, output.getShape().dimension() - 1);
                NDArray lower = Ops.scalarLike(output, MIN_LOG_VAR);
                // logVar = MIN_LOG_VAR + softplus(raw - MIN_LOG_VAR): smooth, >= MIN_LOG_VAR
                NDArray logVar = Activation.softPlus(halves.get(1).sub(lower)).add(lower);
                return new DiagonalGaussian(halves.get(0), logVar);
            default:
                throw new AssertionError(this);
        }
    }
}
