package org.vae4j.dist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The beta-binomial distribution over the levels v = 0..n of an 8-bit pixel, n = 255 trials,
 * x = v / 255: independent per pixel with alpha, beta > 0 given as log alpha and log beta. As used for
 * 8-bit MNIST by BB-ANS (Townsend, Bird and Barber 2019).
 * <pre>
 * P(v) = C(n, v) B(v + alpha, n - v + beta) / B(alpha, beta)
 * log P(v) = log C(n, v) + lgamma(v + alpha) + lgamma(n - v + beta) - lgamma(n + alpha + beta)
 *            - lgamma(alpha) - lgamma(beta) + lgamma(alpha + beta)
 * </pre>
 * The log-gammas of about 1200 that cancel down to a few nats would lose 1e-4 per term in float32, so
 * the pmf is computed in float64 (torch's lgamma, with digamma as its gradient) and returned in the
 * parameters' type. alpha = beta = 1 is uniform over the 256 levels. Exact to float64 rounding for alpha,
 * beta up to 1e6; at 1e12 the rounding of lgamma near 5.6e13 alone puts the pmf's sum 0.3% off one.
 */
public final class BetaBinomial implements DiscreteDistribution {

    /** n = 255 trials: V = 256 levels. */
    public static final int TRIALS = 255;
    /** V = n + 1. */
    public static final int LEVELS = TRIALS + 1;

    private final NDArray logAlpha;
    private final NDArray logBeta;

    /** @param logAlpha log alpha, shape [.., D] @param logBeta log beta, same shape */
    public BetaBinomial(NDArray logAlpha, NDArray logBeta) {
        this.logAlpha = logAlpha;
        this.logBeta = logBeta;
    }

    public NDArray logAlpha() {
        return logAlpha;
    }

    public NDArray logBeta() {
        return logBeta;
    }

    @Override
    public int levels() {
        return LEVELS;
    }

    /** log p(x) = sum_d log P(v_d), v_d = round(255 x_d); x may carry leading sample axes. */
    @Override
    public NDArray logProb(NDArray x) {
        NDArray level = PixelLevels.levelOf(x, LEVELS).toType(DataType.FLOAT64, false);
        return castWithGradient(Ops.sumLast(logPmfAt(level, logAlpha, logBeta)), logAlpha.getDataType());
    }

    /** log P(v) for v = 0..255: shape [.., D, 256]. */
    @Override
    public NDArray logPmf() {
        int last = logAlpha.getShape().dimension();
        NDArray level = PixelLevels.all(logAlpha, LEVELS).toType(DataType.FLOAT64, false);
        return castWithGradient(logPmfAt(level, logAlpha.expandDims(last), logBeta.expandDims(last)),
                logAlpha.getDataType());
    }

    /** E[x] = E[v] / n = alpha / (alpha + beta) = sigmoid(log alpha - log beta). */
    @Override
    public NDArray mean() {
        return logAlpha.sub(logBeta).getNDArrayInternal().sigmoid();
    }

    /** By the inverse CDF of the pmf (Rng has no gamma draws for the beta-then-binomial route). */
    @Override
    public NDArray sample(Rng rng) {
        return PixelLevels.sampleByInverseCdf(logPmf(), LEVELS, rng);
    }

    /** The log-pmf at level (float64, broadcast against the parameters), in float64. */
    private static NDArray logPmfAt(NDArray level, NDArray logAlpha, NDArray logBeta) {
        NDArray alpha = castWithGradient(logAlpha, DataType.FLOAT64).exp();
        NDArray beta = castWithGradient(logBeta, DataType.FLOAT64).exp();
        NDArray n = Ops.scalarLike(level, TRIALS).toType(DataType.FLOAT64, false);
        NDArray one = Ops.scalarLike(level, 1).toType(DataType.FLOAT64, false);
        NDArray rest = n.sub(level);                                                   // n - v
        // log C(n, v) = lgamma(n + 1) - lgamma(v + 1) - lgamma(n - v + 1)
        NDArray logChoose = n.add(one).gammaln().sub(level.add(one).gammaln()).sub(rest.add(one).gammaln());
        // log B(v + alpha, n - v + beta) = lgamma(v + alpha) + lgamma(n - v + beta) - lgamma(n + alpha + beta)
        NDArray logBetaPosterior = level.add(alpha).gammaln().add(rest.add(beta).gammaln())
                .sub(n.add(alpha).add(beta).gammaln());
        // log B(alpha, beta) = lgamma(alpha) + lgamma(beta) - lgamma(alpha + beta)
        NDArray logBetaPrior = alpha.gammaln().add(beta.gammaln()).sub(alpha.add(beta).gammaln());
        return logChoose.add(logBetaPosterior).sub(logBetaPrior);
    }

    /**
     * x in another floating type, with autograd passing through: DJL's toType detaches its result (torch
     * raises "does not require grad" at backward), while an in-place add into zeros of the target type
     * is recorded and casts the gradient back.
     */
    private static NDArray castWithGradient(NDArray x, DataType type) {
        if (x.getDataType() == type) {
            return x;
        }
        return x.getManager().zeros(x.getShape(), type).addi(x);
    }
}
