package org.vae4j.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxLossTest {

    private static final int N = 40;
    private static final int D = 3;
    private static final int CLASSES = 3;
    private static final double L2 = 0.1;

    @Test
    void valueMatchesTheFormulaAndGradientMatchesFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(5);
        float[] u = new float[N * D];
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = random.nextInt(CLASSES);
            for (int j = 0; j < D; j++) {
                // correlated columns, so the preconditioner is far from the identity
                u[i * D + j] = (float) (random.nextGaussian() + (j > 0 ? u[i * D] : 0) + 0.5 * y[i]);
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            SoftmaxLoss loss = new SoftmaxLoss(manager.create(u, new Shape(N, D)), y, CLASSES, L2);
            int size = loss.size();
            assertEquals(CLASSES * D + CLASSES, size);
            double[] gradient = new double[size];
            // theta = 0: every class has probability 1/3 and W = 0, so L = log 3
            assertEquals(Math.log(3), loss.evaluate(new double[size], gradient), 1e-6);

            double[] theta = new double[size];
            for (int i = 0; i < size; i++) {
                theta[i] = 0.5 * random.nextGaussian();
            }
            double value = loss.evaluate(theta, gradient);
            assertEquals(direct(u, y, loss.weights(theta), loss.bias(theta)), value, 1e-6 * Math.abs(value));
            double h = 1e-2;
            double[] ignored = new double[size];
            for (int i = 0; i < size; i++) {
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[i] += h;
                minus[i] -= h;
                double centralDifference = (loss.evaluate(plus, ignored) - loss.evaluate(minus, ignored)) / (2 * h);
                assertEquals(centralDifference, gradient[i], 2e-3 * Math.max(1, Math.abs(gradient[i])), "dL/dtheta_" + i);
            }
        }
    }

    /** -(1/n) sum_i log softmax(u_i W + b)_{y_i} + l2 |W|^2 / 2 in float64, from W^T [classes, d]. */
    private static double direct(float[] u, int[] y, float[] wT, float[] b) {
        double nll = 0;
        for (int i = 0; i < N; i++) {
            double[] logits = new double[CLASSES];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < CLASSES; k++) {
                logits[k] = b[k];
                for (int j = 0; j < D; j++) {
                    logits[k] += (double) u[i * D + j] * wT[k * D + j];
                }
                max = Math.max(max, logits[k]);
            }
            double sumExp = 0;
            for (int k = 0; k < CLASSES; k++) {
                sumExp += Math.exp(logits[k] - max);
            }
            nll -= logits[y[i]] - max - Math.log(sumExp);
        }
        double squaredNorm = 0;
        for (float w : wT) {
            squaredNorm += (double) w * w;
        }
        return nll / N + L2 * squaredNorm / 2;
    }
}
