package org.vae4j.dist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vae4j.host.EngineThreads;

/**
 * Small numerical helpers shared by the distributions and objectives.
 *
 * <p>Every constant that enters a computation is made here as a 0-d array owned by the engine
 * ({@link NDManager#full}), never passed as a Java number: DJL wraps a Java number in a tensor over a
 * Java buffer that it frees at once, and autograd may read it after the GC reclaimed it (see
 * shared/DJL.md). The constant lives in the manager of the array it combines with.
 */
public final class Ops {

    /** log(2 pi). */
    public static final double LOG_2PI = Math.log(2 * Math.PI);

    private Ops() {
    }

    /** A 0-d float constant owned by the engine, in {@code manager}. */
    public static NDArray scalar(NDManager manager, double value) {
        return manager.full(new Shape(), (float) value);
    }

    /** A 0-d float constant in the manager of {@code like}. */
    public static NDArray scalarLike(NDArray like, double value) {
        return scalar(like.getManager(), value);
    }

    /**
     * Overwrites a finite array in place with {@code values} (same size), by arithmetic:
     * NDArray.set and copyTo go through a deprecated libtorch path that prints a warning. Grad mode is
     * off for the write, so a parameter can be written on any thread (see {@link EngineThreads}).
     */
    public static void assign(NDArray target, float[] values) {
        EngineThreads.withoutGradient(() -> {
            try (NDArray source = target.getManager().create(values, target.getShape())) {
                target.subi(target).addi(source);
            }
        });
    }

    /** Sum over the last axis: per-example totals of shape [..]. */
    public static NDArray sumLast(NDArray x) {
        return x.sum(new int[] {-1});
    }

    /**
     * log sum_i exp(x_i) along {@code axis}, stable for large |x|: m + log sum exp(x - m) with
     * m = max x (a gradient flows through both terms; m is detached as its gradient cancels).
     */
    public static NDArray logSumExp(NDArray x, int axis) {
        NDArray max = x.max(new int[] {axis}, true).stopGradient();
        NDArray shifted = x.sub(max).exp().sum(new int[] {axis}).log();
        return shifted.add(max.squeeze(axis));
    }

    /** log (1/k) sum_i exp(x_i) along {@code axis}: the log-mean-exp of an importance average. */
    public static NDArray logMeanExp(NDArray x, int axis) {
        long k = x.getShape().get(axis);
        return logSumExp(x, axis).sub(scalarLike(x, Math.log(k)));
    }
}
