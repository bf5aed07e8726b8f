package org.vae4j.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    /** Three classes along the first axis at -DELTA, 0, DELTA, unit variance; D - 1 pure-noise features. */
    private static final int D = 5;
    private static final double DELTA = 1.5;
    private static final int CLASSES = 3;
    private static final int N_TRAIN = 3000;
    private static final int N_TEST = 30000;

    /** x of n points of the overlapping classes; labels go to {@code y}. */
    private static float[] overlapping(long seed, int n, int[] y) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * D];
        for (int i = 0; i < n; i++) {
            y[i] = i % CLASSES;
            for (int j = 0; j < D; j++) {
                x[i * D + j] = (float) random.nextGaussian();
            }
            x[i * D] += (float) ((y[i] - 1) * DELTA);
        }
        return x;
    }

    @Test
    void separatesLinearlySeparableClassesPerfectly() {
        // three discs of radius 2 around the corners of a triangle whose sides are at least 5.8 long, plus
        // a noise feature and a near-constant one
        double[][] corners = {{0, 0}, {6, 0}, {3, 5}};
        int n = 300;
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(3);
            double radius = 2 * Math.sqrt(random.nextDouble());
            double angle = 2 * Math.PI * random.nextDouble();
            x[i * 4] = (float) (corners[y[i]][0] + radius * Math.cos(angle));
            x[i * 4 + 1] = (float) (corners[y[i]][1] + radius * Math.sin(angle));
            x[i * 4 + 2] = (float) random.nextGaussian();
            x[i * 4 + 3] = (float) (100 + 0.01 * random.nextGaussian());
        }
        LogisticRegression model = LogisticRegression.fit(x, y, n, 4, 3, 1e-3, 1);
        assertEquals(1.0, LogisticRegression.accuracy(model.predict(x, n), y));
        // the corners themselves
        float[] atCorners = {0, 0, 0, 100, 6, 0, 0, 100, 3, 5, 0, 100};
        assertArrayEquals(new int[] {0, 1, 2}, model.predict(atCorners, 3));
    }

    @Test
    void approachesTheBayesRateOnOverlappingGaussians() {
        int[] yTrain = new int[N_TRAIN];
        int[] yTest = new int[N_TEST];
        float[] xTrain = overlapping(1, N_TRAIN, yTrain);
        float[] xTest = overlapping(2, N_TEST, yTest);
        // equal priors and covariances: the Bayes rule takes the nearest class mean along the first axis;
        // the outer classes are right with probability Phi(DELTA / 2), the middle one 2 Phi(DELTA / 2) - 1
        double phi = standardNormalCdf(DELTA / 2);
        double bayes = (4 * phi - 1) / 3;
        assertEquals(0.6979, bayes, 1e-4);
        LogisticRegression model = LogisticRegression.fit(xTrain, yTrain, N_TRAIN, D, CLASSES, 1e-3, 1);
        double accuracy = LogisticRegression.accuracy(model.predict(xTest, N_TEST), yTest);
        // standard error of a test accuracy: sqrt(0.7 * 0.3 / 30000) = 0.0026. The excess error of a
        // fitted linear rule with 18 parameters on 3000 points is a few thousandths; measured 0.6949
        // (Bayes 0.6978), and 0.7033 on the training data.
        double standardError = Math.sqrt(bayes * (1 - bayes) / N_TEST);
        assertTrue(accuracy > bayes - 0.01 && accuracy < bayes + 3 * standardError,
                "accuracy " + accuracy + " vs Bayes " + bayes);
        // also on the training data, which it fits a little better than unseen data
        double trainAccuracy = LogisticRegression.accuracy(model.predict(xTrain, N_TRAIN), yTrain);
        assertTrue(Math.abs(trainAccuracy - bayes) < 0.03, "train accuracy " + trainAccuracy);
    }

    @Test
    void fitsAreDeterministicAndConvergeToTheSameOptimum() {
        int[] yTrain = new int[N_TRAIN];
        int[] yTest = new int[N_TEST];
        float[] xTrain = overlapping(3, N_TRAIN, yTrain);
        float[] xTest = overlapping(4, N_TEST, yTest);
        int[] first = LogisticRegression.fit(xTrain, yTrain, N_TRAIN, D, CLASSES, 1e-2, 7).predict(xTest, N_TEST);
        int[] second = LogisticRegression.fit(xTrain, yTrain, N_TRAIN, D, CLASSES, 1e-2, 7).predict(xTest, N_TEST);
        assertArrayEquals(first, second);
        // another seed starts elsewhere but the strictly convex objective has one optimum: only points
        // within the stopping tolerance of a decision boundary may change (none did)
        int[] otherSeed = LogisticRegression.fit(xTrain, yTrain, N_TRAIN, D, CLASSES, 1e-2, 8).predict(xTest, N_TEST);
        double agreement = LogisticRegression.accuracy(otherSeed, first);
        assertTrue(agreement > 0.999, "agreement " + agreement); // measured 1.0
    }

    @Test
    void constantFeaturesAndTwoClassesWork() {
        // label = sign of the first feature; the second feature is constant (std 0)
        int n = 200;
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i * 2] = i - 99.5f;
            x[i * 2 + 1] = 3f;
            y[i] = i >= 100 ? 1 : 0;
        }
        LogisticRegression model = LogisticRegression.fit(x, y, n, 2, 2, 1e-3, 1);
        assertArrayEquals(new int[] {0, 0, 1, 1}, model.predict(new float[] {-50, 3, -1, 3, 1, 3, 50, -7}, 4));
    }

    @Test
    void accuracyCountsMatches() {
        assertEquals(0.75, LogisticRegression.accuracy(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}));
        assertEquals("3 predictions for 2 true labels", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.accuracy(new int[3], new int[2])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.accuracy(new int[0], new int[0]));
    }

    @Test
    void rejectsBadArguments() {
        float[] x = new float[12];
        int[] y = {0, 1, 2, 1};
        assertEquals("y[2] = 2 is outside 0..1", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(x, y, 4, 3, 2, 0.1, 1)).getMessage());
        assertEquals("y[0] = -1 is negative", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(x, new int[] {-1, 0, 1, 2}, 4, 3, 3, 0.1, 1)).getMessage());
        assertEquals("y has 4 labels, expected n = 3", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new float[9], y, 3, 3, 3, 0.1, 1)).getMessage());
        assertEquals("x has 12 values, expected n * d = 4 * 4 = 16", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(x, y, 4, 4, 3, 0.1, 1)).getMessage());
        assertEquals("classes must be at least 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(x, new int[4], 4, 3, 1, 0.1, 1)).getMessage());
        assertEquals("l2 must be finite and non-negative, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(x, y, 4, 3, 3, -1, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(x, y, 4, 3, 3, Double.NaN, 1));
        LogisticRegression model = LogisticRegression.fit(x, y, 4, 3, 3, 0.1, 1);
        assertThrows(IllegalArgumentException.class, () -> model.predict(new float[5], 2));
        assertEquals(0, model.predict(new float[0], 0).length);
    }

    /** Phi(z) = 1/2 + (1 / sqrt(2 pi)) int_0^z exp(-t^2 / 2) dt by Simpson's rule (error below 1e-12 here). */
    static double standardNormalCdf(double z) {
        int intervals = 2000;
        double h = z / intervals;
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double t = i * h;
            double weight = i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += weight * Math.exp(-t * t / 2);
        }
        return 0.5 + sum * h / 3 / Math.sqrt(2 * Math.PI);
    }
}
