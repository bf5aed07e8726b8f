package org.vae4j.dist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Shared by the distributions over pixel levels v = 0..V-1 with x = v / (V - 1): the level of a value,
 * the grid of all levels, and sampling by the inverse CDF of a log-pmf.
 */
final class PixelLevels {

    private PixelLevels() {
    }

    /**
     * v = round(x (V - 1)), a constant (no gradient). Data stored as k / 255f in float32 comes back as k
     * exactly: (k / 255f) * 255 is within one float32 ulp of k, far from a half.
     */
    static NDArray levelOf(NDArray x, int levels) {
        return x.mul(Ops.scalarLike(x, levels - 1)).round().stopGradient();
    }

    /** The levels 0..V-1 as a vector of shape [V] in the manager and type of {@code like}. */
    static NDArray all(NDArray like, int levels) {
        return like.getManager().arange(0f, levels, 1f, like.getDataType());
    }

    /**
     * x = v / (V - 1) with v = #{w : F(w) < u}, u ~ U[0, 1): the inverse CDF of each row of a log-pmf of
     * shape [.., D, V]; the result has shape [.., D], no gradient.
     */
    static NDArray sampleByInverseCdf(NDArray logPmf, int levels, Rng rng) {
        Shape shape = logPmf.getShape();
        int last = shape.dimension() - 1;
        Shape rows = shape.slice(0, last).add(1);
        NDArray cdf = logPmf.stopGradient().exp().cumSum(last);
        NDArray u = rng.uniform(logPmf.getManager(), rows).toType(logPmf.getDataType(), false);
        NDArray below = cdf.lt(u).toType(logPmf.getDataType(), false).sum(new int[] {last});
        // rounding may leave F(V - 1) a hair under u: such a draw is the top level
        NDArray top = Ops.scalarLike(below, levels - 1);
        return below.minimum(top).div(top);
    }
}
