package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.vae4j.dist.Bernoulli;
import org.vae4j.dist.BetaBinomial;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.DiscreteDistribution;
import org.vae4j.dist.DiscretizedLogistic;
import org.vae4j.dist.Distribution;

class LikelihoodTest {

    @Test
    void fixedGaussianHasLogVarTwoLogSigma() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mean = m.create(new float[] {0.2f, 0.8f}, new Shape(1, 2));
            Distribution p = Likelihood.GAUSSIAN.distribution(mean, 0.1);
            float[] x = {0.5f, 0.8f};
            // -log p = sum_d (x_d - mu_d)^2 / (2 sigma^2) + log sigma + log(2 pi) / 2
            double expected = -(0.09 / 0.02 + 2 * (Math.log(0.1) + 0.5 * Math.log(2 * Math.PI)));
            assertArrayEquals(new float[] {(float) expected}, p.logProb(m.create(x, new Shape(1, 2))).toFloatArray(), 1e-4f);
        }
    }

    @Test
    void learnedGaussianSplitsTheOutputAndBoundsTheLogVariance() {
        try (NDManager m = NDManager.newBaseManager()) {
            // D = 2: outputs are [mu_1, mu_2, raw_1, raw_2]
            NDArray output = m.create(new float[] {0.1f, 0.9f, 0.7f, -40f}, new Shape(1, 4));
            DiagonalGaussian p = (DiagonalGaussian) Likelihood.GAUSSIAN_LEARNED.distribution(output, 1.0);
            assertArrayEquals(new float[] {0.1f, 0.9f}, p.mean().toFloatArray());
            double min = Likelihood.MIN_LOG_VAR;
            // logVar = MIN + softplus(raw - MIN): ~raw well above MIN, ~MIN well below
            double first = min + Math.log1p(Math.exp(0.7 - min));
            double second = min + Math.log1p(Math.exp(-40 - min));
            assertArrayEquals(new float[] {(float) first, (float) second}, p.logVar().toFloatArray(), 1e-4f);
            assertEquals(0.7, first, 1e-5);
            assertEquals(2 * Math.log(1e-3), second, 1e-5);
        }
    }

    @Test
    void bernoulliTakesTheOutputAsLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray output = m.create(new float[] {0f, 2f}, new Shape(1, 2));
            Bernoulli p = assertInstanceOf(Bernoulli.class, Likelihood.BERNOULLI.distribution(output, 0.1));
            assertArrayEquals(new float[] {0.5f, (float) (1 / (1 + Math.exp(-2)))}, p.mean().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void discretizedLogisticTakesLocationsAndFloorsTheLogScale() {
        try (NDManager m = NDManager.newBaseManager()) {
            // D = 2: outputs are [mu_1, mu_2, raw_1, raw_2]
            NDArray output = m.create(new float[] {0.25f, 1.5f, -3f, -40f}, new Shape(1, 4));
            DiscretizedLogistic p = assertInstanceOf(DiscretizedLogistic.class,
                    Likelihood.DISCRETIZED_LOGISTIC.distribution(output, 0.1));
            assertArrayEquals(new float[] {0.25f, 1.5f}, p.location().toFloatArray());
            double min = Likelihood.MIN_LOG_SCALE;
            double first = min + Math.log1p(Math.exp(-3 - min));
            assertArrayEquals(new float[] {(float) first, (float) min}, p.logScale().toFloatArray(), 1e-5f);
            assertEquals(-3, first, 1e-2);
            assertEquals(0.1, 255 * Math.exp(min), 1e-12);
        }
    }

    @Test
    void betaBinomialStartsUniformAndBoundsAlphaAndBeta() {
        try (NDManager m = NDManager.newBaseManager()) {
            // D = 3: outputs are [raw log alpha x 3, raw log beta x 3]
            NDArray output = m.create(new float[] {0f, -40f, 40f, 0f, 2f, 0f}, new Shape(1, 6));
            BetaBinomial p = assertInstanceOf(BetaBinomial.class, Likelihood.BETA_BINOMIAL.distribution(output, 0.1));
            double floor = Likelihood.MIN_LOG_CONCENTRATION;
            // raw 0: log alpha = floor + softplus(-floor) = log(1 + 1e-3), alpha = beta ~ 1, nearly uniform
            double atZero = floor + Math.log1p(Math.exp(-floor));
            assertEquals(Math.log(1.001), atZero, 1e-12);
            assertArrayEquals(new float[] {(float) atZero, (float) floor, (float) Math.log(1e6)},
                    p.logAlpha().toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {(float) atZero, (float) (floor + Math.log1p(Math.exp(2 - floor))),
                (float) atZero}, p.logBeta().toFloatArray(), 1e-5f);
            float[] logPmf = p.logPmf().toFloatArray();
            // alpha = beta = 1.001: the edges are the furthest from uniform, by 4.1e-3 nats
            for (int v = 0; v < 256; v++) {
                assertEquals(-Math.log(256), logPmf[v], 5e-3, "level " + v);
            }
        }
    }

    /** Bernoulli and both 8-bit families give the pmf a lossless coder needs; the Gaussians do not. */
    @Test
    void discreteFamiliesAreDiscreteDistributions() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray output = m.zeros(new Shape(1, 4));
            assertEquals(2, ((DiscreteDistribution) Likelihood.BERNOULLI.distribution(output, 0.1)).levels());
            assertEquals(256, ((DiscreteDistribution) Likelihood.DISCRETIZED_LOGISTIC.distribution(output, 0.1)).levels());
            assertEquals(256, ((DiscreteDistribution) Likelihood.BETA_BINOMIAL.distribution(output, 0.1)).levels());
            assertEquals(false, Likelihood.GAUSSIAN_LEARNED.distribution(output, 0.1) instanceof DiscreteDistribution);
        }
    }

    @Test
    void idsParseBackAndUnknownNamesAreRejected() {
        for (Likelihood likelihood : Likelihood.values()) {
            assertEquals(likelihood, Likelihood.parse(likelihood.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Likelihood.parse("poisson"));
        assertEquals("unknown likelihood 'poisson' (expected bernoulli, gaussian, gaussian-learned, "
                + "discretized-logistic or beta-binomial)", e.getMessage());
    }
}
