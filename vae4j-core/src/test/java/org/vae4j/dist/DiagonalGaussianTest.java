package org.vae4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DiagonalGaussianTest {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    @Test
    void klOfStandardNormalToItselfIsZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            DiagonalGaussian q = new DiagonalGaussian(m.zeros(new Shape(2, 3)), m.zeros(new Shape(2, 3)));
            assertArrayEquals(new float[] {0f, 0f}, q.klToStandardNormal().toFloatArray(), 1e-7f);
        }
    }

    @Test
    void klWithUnitMeanAndUnitVarianceIsOneHalfPerDimension() {
        try (NDManager m = NDManager.newBaseManager()) {
            DiagonalGaussian q = new DiagonalGaussian(m.ones(new Shape(1, 3)), m.zeros(new Shape(1, 3)));
            assertArrayEquals(new float[] {1.5f}, q.klToStandardNormal().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void klToStandardNormalMatchesTheFormulaWithNonZeroLogVar() {
        double[][] mu = {{0.3, -1.2, 2.0}, {-0.7, 0.0, 0.4}};
        double[][] logVar = {{0.7, -1.5, 0.0}, {2.1, -0.3, -3.0}};
        float[] expected = new float[2];
        for (int b = 0; b < 2; b++) {
            double kl = 0;
            for (int d = 0; d < 3; d++) {
                double var = Math.exp(logVar[b][d]);
                kl += 0.5 * (mu[b][d] * mu[b][d] + var - 1 - Math.log(var));
            }
            expected[b] = (float) kl;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            DiagonalGaussian q = new DiagonalGaussian(array(m, mu), array(m, logVar));
            assertArrayEquals(expected, q.klToStandardNormal().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void klBetweenTwoGaussiansMatchesTheClosedForm() {
        double[][] mu1 = {{0.5, -1.0}, {2.0, 0.1}};
        double[][] logVar1 = {{0.2, -0.8}, {1.0, 0.0}};
        double[][] mu2 = {{-0.3, 0.4}, {1.5, 0.1}};
        double[][] logVar2 = {{-0.5, 0.6}, {0.3, -1.2}};
        float[] expected = new float[2];
        for (int b = 0; b < 2; b++) {
            double kl = 0;
            for (int d = 0; d < 2; d++) {
                double s1 = Math.sqrt(Math.exp(logVar1[b][d]));
                double s2 = Math.sqrt(Math.exp(logVar2[b][d]));
                double diff = mu1[b][d] - mu2[b][d];
                // textbook: log(s2/s1) + (s1^2 + (mu1 - mu2)^2) / (2 s2^2) - 1/2
                kl += Math.log(s2 / s1) + (s1 * s1 + diff * diff) / (2 * s2 * s2) - 0.5;
            }
            expected[b] = (float) kl;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            DiagonalGaussian p = new DiagonalGaussian(array(m, mu1), array(m, logVar1));
            DiagonalGaussian q = new DiagonalGaussian(array(m, mu2), array(m, logVar2));
            assertArrayEquals(expected, p.kl(q).toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {0f, 0f}, p.kl(p).toFloatArray(), 1e-6f);
            DiagonalGaussian standard = new DiagonalGaussian(m.zeros(new Shape(2, 2)), m.zeros(new Shape(2, 2)));
            assertArrayEquals(p.klToStandardNormal().toFloatArray(), p.kl(standard).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void logProbMatchesTheTextbookDensity() {
        double[][] mu = {{0.5, -1.0, 0.0}, {2.0, 0.1, -0.4}};
        double[][] logVar = {{0.2, -0.8, 1.5}, {1.0, 0.0, -2.0}};
        double[][] x = {{0.1, -2.0, 3.0}, {2.5, 0.1, -0.2}};
        float[] expected = new float[2];
        for (int b = 0; b < 2; b++) {
            double density = 1;
            for (int d = 0; d < 3; d++) {
                double sigma = Math.exp(logVar[b][d] / 2);
                double z = (x[b][d] - mu[b][d]) / sigma;
                density *= Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
            }
            expected[b] = (float) Math.log(density);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            DiagonalGaussian q = new DiagonalGaussian(array(m, mu), array(m, logVar));
            assertArrayEquals(expected, q.logProb(array(m, x)).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void logProbBroadcastsOverLeadingSampleAxes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mean = m.create(new float[] {1f, -1f, 0.5f, 0f}, new Shape(2, 2));
            NDArray logVar = m.create(new float[] {0f, 0.5f, -1f, 0.3f}, new Shape(2, 2));
            DiagonalGaussian q = new DiagonalGaussian(mean, logVar);
            float[] xs = {0f, 0f, 1f, 1f, 2f, -1f, 0.5f, 0f, -3f, 0.2f, 0.7f, 0.7f};
            NDArray x = m.create(xs, new Shape(3, 2, 2));
            float[] got = q.logProb(x).toFloatArray();
            assertEquals(6, got.length);
            float[] mu = mean.toFloatArray();
            float[] lv = logVar.toFloatArray();
            for (int k = 0; k < 3; k++) {
                for (int b = 0; b < 2; b++) {
                    double sum = 0;
                    for (int d = 0; d < 2; d++) {
                        int i = b * 2 + d;
                        double diff = xs[k * 4 + i] - mu[i];
                        sum += -0.5 * (LOG_2PI + lv[i] + diff * diff / Math.exp(lv[i]));
                    }
                    assertEquals(sum, got[k * 2 + b], 1e-5, "sample " + k + ", example " + b);
                }
            }
        }
    }

    @Test
    void rsampleIsMeanPlusStdTimesEps() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mean = m.create(new float[] {1f, -2f}, new Shape(1, 2));
            NDArray logVar = m.create(new float[] {(float) Math.log(4), (float) Math.log(0.25)}, new Shape(1, 2));
            DiagonalGaussian q = new DiagonalGaussian(mean, logVar);
            assertArrayEquals(new float[] {2f, 0.5f}, q.std().toFloatArray(), 1e-6f);
            NDArray eps = m.create(new float[] {0.5f, -1f, -2f, 4f}, new Shape(2, 1, 2));
            assertArrayEquals(new float[] {2f, -2.5f, -3f, 0f}, q.rsample(eps).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void samplesHaveTheRightMeanAndVariance() {
        int n = 20000;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mean = m.full(new Shape(n, 2), 0f).add(m.create(new float[] {1.5f, -0.5f}));
            NDArray logVar = m.full(new Shape(n, 2), 0f).add(m.create(new float[] {(float) Math.log(9), 0f}));
            float[] z = new DiagonalGaussian(mean, logVar).sample(new Rng(7)).toFloatArray();
            double[] expectedMean = {1.5, -0.5};
            double[] expectedVar = {9, 1};
            for (int d = 0; d < 2; d++) {
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < n; i++) {
                    double v = z[i * 2 + d];
                    sum += v;
                    sumSq += v * v;
                }
                double sampleMean = sum / n;
                double sampleVar = sumSq / n - sampleMean * sampleMean;
                // standard errors: sigma / sqrt(n) for the mean, sigma^2 sqrt(2 / n) for the variance
                assertEquals(expectedMean[d], sampleMean, 4 * Math.sqrt(expectedVar[d] / n));
                assertEquals(expectedVar[d], sampleVar, 4 * expectedVar[d] * Math.sqrt(2.0 / n));
            }
        }
    }

    /** E_q[log q(z) - log p(z)] estimated by Monte Carlo agrees with the analytic KL to p = N(0, I). */
    @Test
    void monteCarloKlAgreesWithTheAnalyticKl() {
        int n = 40000;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mean = m.zeros(new Shape(n, 2)).add(m.create(new float[] {0.8f, -0.3f}));
            NDArray logVar = m.zeros(new Shape(n, 2)).add(m.create(new float[] {-0.6f, 0.9f}));
            DiagonalGaussian q = new DiagonalGaussian(mean, logVar);
            NDArray z = q.sample(new Rng(11));
            float[] logRatio = q.logProb(z).sub(new StandardNormal(2).logProb(z)).toFloatArray();
            double sum = 0;
            double sumSq = 0;
            for (float v : logRatio) {
                sum += v;
                sumSq += (double) v * v;
            }
            double estimate = sum / n;
            double stdErr = Math.sqrt((sumSq / n - estimate * estimate) / n);
            double analytic = q.klToStandardNormal().toFloatArray()[0];
            assertEquals(analytic, estimate, 4 * stdErr);
        }
    }

    static NDArray array(NDManager m, double[][] values) {
        int rows = values.length;
        int cols = values[0].length;
        float[] flat = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                flat[i * cols + j] = (float) values[i][j];
            }
        }
        return m.create(flat, new Shape(rows, cols));
    }
}
