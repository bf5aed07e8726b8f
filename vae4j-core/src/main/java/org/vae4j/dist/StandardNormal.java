package org.vae4j.dist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The standard normal prior p(z) = N(0, I) on R^L. */
public final class StandardNormal implements Prior {

    private final int latentDim;

    public StandardNormal(int latentDim) {
        this.latentDim = latentDim;
    }

    @Override
    public int latentDim() {
        return latentDim;
    }

    /** log N(z; 0, I) = -1/2 sum_d (log 2 pi + z_d^2). */
    @Override
    public NDArray logProb(NDArray z) {
        NDArray perDim = z.mul(z).add(Ops.scalarLike(z, Ops.LOG_2PI));
        return Ops.sumLast(perDim).mul(Ops.scalarLike(z, -0.5));
    }

    @Override
    public NDArray sample(NDManager manager, int n, Rng rng) {
        return rng.normal(manager, new Shape(n, latentDim));
    }

    /** Analytic: KL(q || N(0, I)); z is not needed. */
    @Override
    public NDArray kl(DiagonalGaussian q, NDArray z) {
        return q.klToStandardNormal();
    }
}
