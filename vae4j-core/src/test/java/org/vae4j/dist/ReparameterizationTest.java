package org.vae4j.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * The reparameterization trick gives an unbiased gradient of E_q[f(z)], q = N(mu, sigma^2): for
 * f(z) = sum_d (z_d - c_d)^2, E_q[f] = sum_d ((mu_d - c_d)^2 + sigma_d^2), so
 * d/dmu = 2 (mu - c) and d/dlogVar = sigma^2.
 */
class ReparameterizationTest {

    private static final int DRAWS = 20000;

    @Test
    void reparameterizedGradientOfAQuadraticIsUnbiased() {
        float[] mu = {0.5f, -1.0f, 2.0f};
        float[] logVar = {0.0f, -1.2f, 0.8f};
        float[] c = {1.5f, 0.3f, 2.0f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray muLeaf = m.create(mu, new Shape(1, 3));
            NDArray logVarLeaf = m.create(logVar, new Shape(1, 3));
            muLeaf.setRequiresGradient(true);
            logVarLeaf.setRequiresGradient(true);
            NDArray eps = new Rng(2024).normal(m, new Shape(DRAWS, 1, 3));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray z = new DiagonalGaussian(muLeaf, logVarLeaf).rsample(eps);    // [DRAWS, 1, 3]
                NDArray diff = z.sub(m.create(c, new Shape(1, 3)));
                NDArray meanF = diff.mul(diff).sum().div(Ops.scalar(m, DRAWS));        // (1/K) sum_k f(z_k)
                collector.backward(meanF);
            }
            float[] gradMu = muLeaf.getGradient().toFloatArray();
            float[] gradLogVar = logVarLeaf.getGradient().toFloatArray();
            float[] e = eps.toFloatArray();
            for (int d = 0; d < 3; d++) {
                double sigma = Math.exp(logVar[d] / 2);
                double offset = mu[d] - c[d];
                // the per-draw gradients are 2 (mu - c + sigma eps) and (mu - c + sigma eps) sigma eps:
                // their mean over these draws is what autograd must return (up to float32 rounding)
                double sumMu = 0;
                double sumLogVar = 0;
                for (int k = 0; k < DRAWS; k++) {
                    double ek = e[k * 3 + d];
                    sumMu += 2 * (offset + sigma * ek);
                    sumLogVar += (offset + sigma * ek) * sigma * ek;
                }
                assertEquals(sumMu / DRAWS, gradMu[d], 1e-4, "d/dmu = mean of per-draw gradients, dim " + d);
                assertEquals(sumLogVar / DRAWS, gradLogVar[d], 1e-4, "d/dlogVar = mean of per-draw gradients, dim " + d);
                // and that mean estimates the analytic gradient: per-draw variances 4 sigma^2 and
                // (mu - c)^2 sigma^2 + 2 sigma^4
                double seMu = Math.sqrt(4 * sigma * sigma / DRAWS);
                double seLogVar = Math.sqrt((offset * offset * sigma * sigma + 2 * Math.pow(sigma, 4)) / DRAWS);
                assertEquals(2 * offset, gradMu[d], 4 * seMu, "E[d/dmu] = 2 (mu - c), dim " + d);
                assertEquals(sigma * sigma, gradLogVar[d], 4 * seLogVar, "E[d/dlogVar] = sigma^2, dim " + d);
            }
        }
    }
}
