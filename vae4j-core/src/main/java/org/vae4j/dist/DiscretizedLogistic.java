package org.vae4j.dist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;

/**
 * A logistic distribution discretized to the 256 levels of an 8-bit pixel (Salimans et al. 2017,
 * PixelCNN++, one component instead of a mixture): independent per pixel, location mu and log-scale
 * log s given in the data's [0, 1] scale, so mu' = 255 mu and s' = 255 s in level units. Level v gets
 * the logistic mass of its bin [v - 1/2, v + 1/2]; the edge levels take the tails:
 * P(0) = F(1/2) and P(255) = 1 - F(254.5), with F(t) = sigmoid((t - mu') / s').
 *
 * <p>Computed in log space with the identity sigmoid(a) - sigmoid(b) = sigmoid(a) sigmoid(-b)
 * (1 - e^-(a - b)), so log P(v) = -softplus(-a) - softplus(b) + log(1 - e^-(1/s')) with
 * a = (v + 1/2 - mu') / s' and b = a - 1/s'. It is exact for every mu' and s': it never forms the
 * difference of two CDF values, so PixelCNN++'s fallback to the density at the bin centre (needed
 * where that difference underflows) is not needed.
 */
public final class DiscretizedLogistic implements DiscreteDistribution {

    /** V = 256 levels, x = v / 255. */
    public static final int LEVELS = 256;
    private static final int TOP = LEVELS - 1;
    /** log(1 - e^-d) switches from its series to the direct form at this d = 1/s' (s' = 10 levels). */
    private static final double SERIES_BELOW = 0.1;
    /** mean() sums this many levels at a time, so [B, D, chunk] stays small. */
    private static final int MEAN_CHUNK = 32;

    private final NDArray location;
    private final NDArray logScale;

    /**
     * @param location mu in the [0, 1] scale, shape [.., D]; any real (the edges take what falls outside)
     * @param logScale log s in the [0, 1] scale, same shape; callers bound it from below
     */
    public DiscretizedLogistic(NDArray location, NDArray logScale) {
        this.location = location;
        this.logScale = logScale;
    }

    public NDArray location() {
        return location;
    }

    public NDArray logScale() {
        return logScale;
    }

    @Override
    public int levels() {
        return LEVELS;
    }

    /** log p(x) = sum_d log P(v_d), v_d = round(255 x_d); x may carry leading sample axes. */
    @Override
    public NDArray logProb(NDArray x) {
        return Ops.sumLast(logPmfAt(PixelLevels.levelOf(x, LEVELS), location, logScale));
    }

    /** log P(v) for v = 0..255: shape [.., D, 256]. */
    @Override
    public NDArray logPmf() {
        int last = location.getShape().dimension();
        return logPmfAt(PixelLevels.all(location, LEVELS), location.expandDims(last), logScale.expandDims(last));
    }

    /**
     * E[x] = E[v] / 255 = (1/255) sum_{j=1..255} P(v >= j) = (1/255) sum_j sigmoid((mu' - j + 1/2) / s'):
     * the mean of the discretized distribution, which is not mu where the edges clip the tails.
     */
    @Override
    public NDArray mean() {
        int last = location.getShape().dimension();
        NDArray levelLocation = location.mul(Ops.scalarLike(location, TOP)).expandDims(last);
        NDArray inverseScale = inverseLevelScale(logScale).expandDims(last);
        NDArray sum = null;
        for (int start = 1; start <= TOP; start += MEAN_CHUNK) {
            int stop = Math.min(TOP + 1, start + MEAN_CHUNK);
            NDArray thresholds = location.getManager().arange(start - 0.5f, stop - 0.5f, 1f, location.getDataType());
            NDArray chunk = levelLocation.sub(thresholds).mul(inverseScale).getNDArrayInternal().sigmoid()
                    .sum(new int[] {last});
            sum = sum == null ? chunk : sum.add(chunk);
        }
        return sum.div(Ops.scalarLike(sum, TOP));
    }

    /** v = clip(round(mu' + s' log(u / (1 - u))), 0, 255), u ~ U[0, 1): the logistic's inverse CDF, rounded. */
    @Override
    public NDArray sample(Rng rng) {
        NDArray u = rng.uniform(location.getManager(), location.getShape()).toType(location.getDataType(), false);
        NDArray logit = u.log().sub(Ops.scalarLike(u, 1).sub(u).log());
        NDArray levelScale = logScale.exp().mul(Ops.scalarLike(logScale, TOP));
        NDArray level = location.mul(Ops.scalarLike(location, TOP)).add(levelScale.mul(logit)).round();
        NDArray clipped = level.maximum(Ops.scalarLike(level, 0)).minimum(Ops.scalarLike(level, TOP));
        return clipped.div(Ops.scalarLike(clipped, TOP)).stopGradient();
    }

    /**
     * log P(v) = -softplus(-a) [v < 255] - softplus(b) [v > 0] + log(1 - e^-(1/s')) [0 < v < 255], with
     * a = (v + 1/2 - mu') / s', b = (v - 1/2 - mu') / s'; v broadcasts against the parameters.
     */
    private static NDArray logPmfAt(NDArray level, NDArray location, NDArray logScale) {
        NDArray inverseScale = inverseLevelScale(logScale);
        NDArray centred = level.sub(location.mul(Ops.scalarLike(location, TOP)));
        NDArray half = Ops.scalarLike(centred, 0.5);
        NDArray a = centred.add(half).mul(inverseScale);
        NDArray b = centred.sub(half).mul(inverseScale);
        NDArray belowTop = level.lt(Ops.scalarLike(level, TOP - 0.5)).toType(centred.getDataType(), false);
        NDArray aboveBottom = level.gt(Ops.scalarLike(level, 0.5)).toType(centred.getDataType(), false);
        NDArray logCdfUpper = Activation.softPlus(a.neg()).neg().mul(belowTop);      // log F(v + 1/2)
        NDArray logSurvivalLower = Activation.softPlus(b).neg().mul(aboveBottom);    // log (1 - F(v - 1/2))
        NDArray logBinFactor = log1mExp(inverseScale).mul(belowTop.mul(aboveBottom)); // log(1 - e^-(a - b))
        return logCdfUpper.add(logSurvivalLower).add(logBinFactor);
    }

    /** 1/s' = e^(-log s) / 255: the bin width over the scale, in level units. */
    private static NDArray inverseLevelScale(NDArray logScale) {
        return logScale.neg().exp().div(Ops.scalarLike(logScale, TOP));
    }

    /**
     * log(1 - e^-d) for d > 0: log d - d/2 + d^2/24 - d^4/2880 below d = 0.1 (next term d^6/181440 <
     * 6e-12), the direct form above (whose float32 error there is under 1e-6). Each branch sees only its
     * own range, so neither produces an infinite value whose gradient where() would turn into NaN.
     */
    static NDArray log1mExp(NDArray d) {
        NDArray threshold = Ops.scalarLike(d, SERIES_BELOW);
        NDArray small = d.minimum(threshold);
        NDArray small2 = small.mul(small);
        NDArray series = small.log().sub(small.mul(Ops.scalarLike(d, 0.5)))
                .add(small2.mul(Ops.scalarLike(d, 1.0 / 24))).sub(small2.mul(small2).mul(Ops.scalarLike(d, 1.0 / 2880)));
        NDArray large = d.maximum(threshold);
        NDArray direct = Ops.scalarLike(d, 1).sub(large.neg().exp()).log();
        return NDArrays.where(d.lt(threshold), series, direct);
    }
}
