package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import org.vae4j.dist.Bernoulli;
import org.vae4j.dist.BetaBinomial;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.DiscretizedLogistic;
import org.vae4j.dist.Distribution;
import org.vae4j.dist.Ops;

/** The family of the decoder p(x|z); the one place that maps a decoder output to a distribution. */
public enum Likelihood {
    /** Bernoulli on logits, for data in [0, 1]. */
    BERNOULLI("bernoulli", 1),
    /** Gaussian with a fixed standard deviation sigma: -log p(x|z) = |x - mu|^2 / (2 sigma^2) + const. */
    GAUSSIAN("gaussian", 1),
    /** Gaussian with a per-dimension variance that the decoder outputs. */
    GAUSSIAN_LEARNED("gaussian-learned", 2),
    /**
     * Logistic discretized to the 256 levels of 8-bit pixels: outputs [mu, raw log-scale], both in the
     * [0, 1] scale; a proper pmf, so -log p(x) is a code length.
     */
    DISCRETIZED_LOGISTIC("discretized-logistic", 2),
    /** Beta-binomial with n = 255 over the 256 levels of 8-bit pixels: outputs [raw log alpha, raw log beta]. */
    BETA_BINOMIAL("beta-binomial", 2);

    /** Lower bound for a learned log-variance: sigma >= 1e-3 keeps densities finite on constant pixels. */
    static final double MIN_LOG_VAR = 2 * Math.log(1e-3);
    /**
     * Lower bound for the discretized logistic's log-scale, in the [0, 1] scale: s' = 255 s >= 0.1 level
     * (PixelCNN++ clamps at e^-7 in its [-1, 1] scale, 0.116 level). At the bound a level at the
     * centre of its bin gets P = sigmoid(5) - sigmoid(-5) = 0.987.
     */
    static final double MIN_LOG_SCALE = Math.log(0.1 / 255);
    /**
     * Lower bound for the beta-binomial's log alpha and log beta: alpha, beta >= 1e-3, enough for
     * P(0) > 0.99 on a background pixel, while lgamma stays far from its pole at 0.
     */
    static final double MIN_LOG_CONCENTRATION = Math.log(1e-3);
    /**
     * Upper bound for log alpha and log beta: alpha, beta <= 1e6, deep in the binomial limit (alpha + beta
     * >> n = 255), where lgamma in float64 is still exact to 1e-9; a hard clip that training never reaches.
     */
    static final double MAX_LOG_CONCENTRATION = Math.log(1e6);

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
                "unknown likelihood '" + text + "' (expected bernoulli, gaussian, gaussian-learned, "
                + "discretized-logistic or beta-binomial)");
    }

    /** p(x|z) from the decoder's output of shape [.., D * outputsPerDim]. */
    public Distribution distribution(NDArray output, double sigma) {
        switch (this) {
            case BERNOULLI:
                return new Bernoulli(output);
            case GAUSSIAN:
                return new DiagonalGaussian(output, Ops.scalarLike(output, 2 * Math.log(sigma)));
            case GAUSSIAN_LEARNED: {
                NDList halves = lastAxisHalves(output);
                return new DiagonalGaussian(halves.get(0), softFloor(halves.get(1), MIN_LOG_VAR));
            }
            case DISCRETIZED_LOGISTIC: {
                NDList halves = lastAxisHalves(output);
                return new DiscretizedLogistic(halves.get(0), softFloor(halves.get(1), MIN_LOG_SCALE));
            }
            case BETA_BINOMIAL: {
                NDList halves = lastAxisHalves(output);
                return new BetaBinomial(logConcentration(halves.get(0)), logConcentration(halves.get(1)));
            }
            default:
                throw new AssertionError(this);
        }
    }

    /** The two parameter blocks of a 2-outputs-per-dimension decoder: [.., 2D] -> [.., D], [.., D]. */
    private static NDList lastAxisHalves(NDArray output) {
        return output.split(2, output.getShape().dimension() - 1);
    }

    /** log alpha (or log beta) from a raw output: softly floored at 1e-3, clipped at 1e6. */
    private static NDArray logConcentration(NDArray raw) {
        NDArray floored = softFloor(raw, MIN_LOG_CONCENTRATION);
        return floored.minimum(Ops.scalarLike(floored, MAX_LOG_CONCENTRATION));
    }

    /**
     * min + softplus(raw - min): a smooth lower bound, ~raw well above min (so raw = 0 gives ~0: unit
     * variance, s = 1, alpha = beta = 1 at initialization), ~min well below.
     */
    private static NDArray softFloor(NDArray raw, double min) {
        NDArray lower = Ops.scalarLike(raw, min);
        return Activation.softPlus(raw.sub(lower)).add(lower);
    }
}
