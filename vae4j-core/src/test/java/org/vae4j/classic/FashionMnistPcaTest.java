package org.vae4j.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vae4j.data.DataOptions;
import org.vae4j.data.DataSources;
import org.vae4j.data.Dataset;
import org.vae4j.data.RealData;

/** PCA on the real Fashion-MNIST training set (60,000 x 784), when it is installed. */
class FashionMnistPcaTest {

    @Test
    void fiftyComponentsExplainMostOfTheVariance() {
        RealData.fashionMnist();
        Dataset train = DataSources.resolve("fashion-mnist", DataOptions.defaults()).train();
        int n = train.n();
        int d = train.dim();
        float[] x = train.x();
        long start = System.nanoTime();
        Pca pca = Pca.fit(x, n, d, 50);
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] variance = pca.explainedVariance();
        double explained = 0;
        for (double v : variance) {
            explained += v;
        }
        double fraction = explained / totalVariance(x, n, d);
        System.out.printf("Fashion-MNIST PCA: 50 of %d components explain %.4f of the variance"
                + " (first %.4f); fit %.2f s%n", d, fraction, variance[0] / totalVariance(x, n, d), seconds);
        // measured: 0.8627 for 50 components; the first alone 0.2904 (eigenvalue 19.81)
        assertEquals(0.8627, fraction, 0.002);
        assertEquals(19.81, variance[0], 0.01);
        assertTrue(variance[49] > 0 && variance[49] < variance[0] / 100, "50th eigenvalue " + variance[49]);
    }

    /** trace of the covariance (1/n): the sum of the column variances, in float64. */
    private static double totalVariance(float[] x, int n, int d) {
        double[] sum = new double[d];
        double[] sumSquares = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                sum[j] += v;
                sumSquares[j] += v * v;
            }
        }
        double total = 0;
        for (int j = 0; j < d; j++) {
            double mean = sum[j] / n;
            total += sumSquares[j] / n - mean * mean;
        }
        return total;
    }
}
