package org.vae4j.dist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A mixture of K diagonal Gaussians on R^L, p(z) = sum_k pi_k N(z; mu_k, diag(exp(logVar_k))), with
 * pi = softmax(logits). The arrays may carry gradients, so the mixture serves as a learned prior: a
 * trainable mixture of Gaussians, or the VampPrior (Tomczak and Welling 2018), whose components are the
 * encoder's posteriors q(z|u_k) at pseudo-inputs u_k and whose weights are uniform.
 */
public final class GaussianMixturePrior implements Prior {

    private final NDArray logits;
    private final NDArray means;
    private final NDArray logVars;

    /**
     * @param logits unnormalized log weights, shape [K]
     * @param means component means mu_k, shape [K, L]
     * @param logVars component log-variances log sigma_k^2, shape [K, L]
     */
    public GaussianMixturePrior(NDArray logits, NDArray means, NDArray logVars) {
        Shape shape = means.getShape();
        if (shape.dimension() != 2 || !logVars.getShape().equals(shape)
                || !logits.getShape().equals(new Shape(shape.get(0)))) {
            throw new IllegalArgumentException("a mixture needs logits [K], means and logVars [K, L]; got "
                    + logits.getShape() + ", " + shape + ", " + logVars.getShape());
        }
        this.logits = logits;
        this.means = means;
        this.logVars = logVars;
    }

    /** The mixture with equal weights pi_k = 1/K, e.g. the VampPrior. */
    public static GaussianMixturePrior uniform(NDArray means, NDArray logVars) {
        NDArray logits = means.getManager().zeros(new Shape(means.getShape().get(0)), means.getDataType());
        return new GaussianMixturePrior(logits, means, logVars);
    }

    public int components() {
        return Math.toIntExact(means.getShape().get(0));
    }

    @Override
    public int latentDim() {
        return Math.toIntExact(means.getShape().get(1));
    }

    /** log pi_k = logits_k - log sum_j exp(logits_j), shape [K]. */
    public NDArray logWeights() {
        return logits.sub(Ops.logSumExp(logits, 0));
    }

    /**
     * log p(z) = logsumexp_k (log pi_k + log N(z; mu_k, sigma_k^2)), shape [..] for z of shape [.., L]
     * (leading sample axes allowed, e.g. [k, B, L]). Each component's density is expanded as
     * log N(z; mu_k, sigma_k^2) = -1/2 (z^2 . s_k - 2 z . (mu_k s_k) + mu_k^2 . s_k + sum_d logVar_kd + L log 2 pi)
     * with precisions s_k = exp(-logVar_k), two matrix products that never hold a [.., K, L] array (the
     * diagonal case of scikit-learn's GaussianMixture._estimate_log_gaussian_prob).
     */
    @Override
    public NDArray logProb(NDArray z) {
        NDArray precisions = logVars.neg().exp();                                   // [K, L]
        NDArray quadratic = z.mul(z).matMul(precisions.transpose());                // [.., K]
        NDArray cross = z.matMul(means.mul(precisions).transpose());                // [.., K]
        NDArray perComponent = Ops.sumLast(means.mul(means).mul(precisions).add(logVars))
                .add(Ops.scalarLike(precisions, latentDim() * Ops.LOG_2PI));       // [K]
        NDArray minusTwoLogNormal = quadratic.sub(cross.mul(Ops.scalarLike(cross, 2.0))).add(perComponent);
        // log pi_k + log N(z; mu_k, sigma_k^2), shape [.., K]
        NDArray logJoint = minusTwoLogNormal.mul(Ops.scalarLike(cross, -0.5)).add(logWeights());
        return Ops.logSumExp(logJoint, logJoint.getShape().dimension() - 1);
    }

    /**
     * n draws: a component c ~ Categorical(pi) for each, then z = mu_c + sigma_c * eps, eps ~ N(0, I);
     * shape [n, L] in {@code manager}. The draws take n uniforms, then n L normals, from {@code rng}.
     */
    @Override
    public NDArray sample(NDManager manager, int n, Rng rng) {
        double[] weights = values(logits);
        double[] mu = values(means);
        double[] logVar = values(logVars);
        int l = latentDim();
        double max = Double.NEGATIVE_INFINITY;
        for (double w : weights) {
            max = Math.max(max, w);
        }
        double total = 0;
        for (int k = 0; k < weights.length; k++) {
            weights[k] = Math.exp(weights[k] - max);                                 // softmax, unnormalized
            total += weights[k];
        }
        float[] meanRows = new float[n * l];
        float[] stdRows = new float[n * l];
        for (int i = 0; i < n; i++) {
            int c = categorical(weights, total, rng.nextDouble());
            for (int d = 0; d < l; d++) {
                meanRows[i * l + d] = (float) mu[c * l + d];
                stdRows[i * l + d] = (float) Math.exp(logVar[c * l + d] / 2);          // sigma = exp(logVar / 2)
            }
        }
        Shape shape = new Shape(n, l);
        NDArray eps = rng.normal(manager, shape);
        return eps.mul(manager.create(stdRows, shape)).add(manager.create(meanRows, shape));
    }

    /**
     * The one-sample Monte Carlo estimate KL(q || p) ~ log q(z) - log p(z) at the reparameterized
     * z ~ q, shape [B]: unbiased, and its gradient flows to q, z and the mixture's parameters.
     */
    @Override
    public NDArray kl(DiagonalGaussian q, NDArray z) {
        NDArray logQz = q.logProb(z);
        NDArray logPz = logProb(z);
        return logQz.sub(logPz);
    }

    /** The smallest c with u * total < w_0 + ... + w_c (inverse CDF). */
    private static int categorical(double[] weights, double total, double u) {
        double target = u * total;
        double cumulative = 0;
        for (int k = 0; k < weights.length; k++) {
            cumulative += weights[k];
            if (target < cumulative) {
                return k;
            }
        }
        return weights.length - 1;
    }

    private static double[] values(NDArray array) {
        try (NDArray copy = array.toType(DataType.FLOAT64, true)) {
            return copy.toDoubleArray();
        }
    }
}
