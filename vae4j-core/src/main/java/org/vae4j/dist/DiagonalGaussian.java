package org.vae4j.dist;

import ai.djl.ndarray.NDArray;

/**
 * N(mean, diag(exp(logVar))) for a batch: mean and logVar have shape [B, D] (or broadcast to it).
 * {@code logVar} is always log sigma^2 and {@code std} is sigma.
 */
public final class DiagonalGaussian implements Distribution {

    private final NDArray mean;
    private final NDArray logVar;

    public DiagonalGaussian(NDArray mean, NDArray logVar) {
        this.mean = mean;
        this.logVar = logVar;
    }

    @Override
    public NDArray mean() {
        return mean;
    }

    public NDArray logVar() {
        return logVar;
    }

    /** sigma = exp(logVar / 2). */
    public NDArray std() {
        return logVar.mul(Ops.scalarLike(logVar, 0.5)).exp();
    }

    /**
     * The reparameterization z = mean + sigma * eps (Kingma and Welling 2014, eq. 10): a pure function
     * of the noise, so gradients flow to mean and logVar. eps may carry leading sample axes, e.g.
     * [K, B, D], and is broadcast against [B, D].
     */
    public NDArray rsample(NDArray eps) {
        return mean.add(std().mul(eps));
    }

    @Override
    public NDArray sample(Rng rng) {
        NDArray eps = rng.normal(mean.getManager(), mean.getShape());
        return rsample(eps).stopGradient();
    }

    /**
     * log N(x; mu, sigma^2) = -1/2 sum_d (log 2 pi + logVar_d + (x_d - mu_d)^2 / sigma_d^2), summed
     * over the last axis. x may carry leading sample axes ([K, B, D] gives [K, B]).
     */
    @Override
    public NDArray logProb(NDArray x) {
        NDArray diff = x.sub(mean);
        NDArray mahalanobis = diff.mul(diff).mul(logVar.neg().exp());
        NDArray perDim = mahalanobis.add(logVar).add(Ops.scalarLike(mahalanobis, Ops.LOG_2PI));
        return Ops.sumLast(perDim).mul(Ops.scalarLike(mahalanobis, -0.5));
    }

    /**
     * KL(N(mu, sigma^2) || N(0, I)) = -1/2 sum_d (1 + logVar_d - mu_d^2 - sigma_d^2)
     * (Kingma and Welling 2014, appendix B), shape [B].
     */
    public NDArray klToStandardNormal() {
        NDArray perDim = logVar.add(Ops.scalarLike(logVar, 1.0)).sub(mean.mul(mean)).sub(logVar.exp());
        return Ops.sumLast(perDim).mul(Ops.scalarLike(logVar, -0.5));
    }

    /**
     * KL(N(mu1, s1^2) || N(mu2, s2^2)) = 1/2 sum_d (logVar2 - logVar1 + (s1^2 + (mu1 - mu2)^2) / s2^2 - 1),
     * shape [B].
     */
    public NDArray kl(DiagonalGaussian other) {
        NDArray diff = mean.sub(other.mean);
        NDArray ratio = logVar.exp().add(diff.mul(diff)).mul(other.logVar.neg().exp());
        NDArray perDim = other.logVar.sub(logVar).add(ratio).sub(Ops.scalarLike(ratio, 1.0));
        return Ops.sumLast(perDim).mul(Ops.scalarLike(ratio, 0.5));
    }
}
