package org.vae4j.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NearestNeighborsTest {

    /** Points on a line in the plane: x = 0, 1 (class 0), 3, 4 (class 1), 10 (class 2). */
    private static final float[] TRAIN = {0, 0, 1, 0, 3, 0, 4, 0, 10, 0};
    private static final int[] LABELS = {0, 0, 1, 1, 2};

    private static int[] predict(int k, float... queryXs) {
        float[] test = new float[queryXs.length * 2];
        for (int i = 0; i < queryXs.length; i++) {
            test[i * 2] = queryXs[i];
            test[i * 2 + 1] = 0.5f;
        }
        return NearestNeighbors.predict(TRAIN, LABELS, 5, test, queryXs.length, 2, k);
    }

    @Test
    void oneNearestNeighbour() {
        // nearest: 0 -> 0 (class 0), 1.9 -> 1, 2.1 -> 3 (class 1), 6.9 -> 4, 7.1 -> 10 (class 2), far left -> 0
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 0}, predict(1, 0f, 1.9f, 2.1f, 6.9f, 7.1f, -100f));
    }

    @Test
    void threeNearestNeighboursVote() {
        // 2.1: neighbours 3 (1), 1 (0), 4 (1) -> class 1; 1.9: 1 (0), 3 (1), 0 (0) -> class 0;
        // 8: 10 (2), 4 (1), 3 (1) -> class 1 outvotes the nearest point; -5: 0, 1, 3 -> class 0
        assertArrayEquals(new int[] {1, 0, 1, 0}, predict(3, 2.1f, 1.9f, 8f, -5f));
    }

    @Test
    void tiesGoToTheClassWithTheNearestMember() {
        // k = 2 at 2.2: 3 (class 1, distance 0.8) and 1 (class 0, distance 1.2) tie 1-1 -> class 1
        // at 1.8: 1 (class 0, 0.8) and 3 (class 1, 1.2) -> class 0
        assertArrayEquals(new int[] {1, 0}, predict(2, 2.2f, 1.8f));
        // k = 5, votes 2, 2, 1: at 9 the nearest of classes 0 and 1 is 4 (class 1); at -1 it is 0 (class 0)
        assertArrayEquals(new int[] {1, 0}, predict(5, 9f, -1f));
        // exactly equidistant from 1 (class 0) and 3 (class 1): the lower training index wins
        assertArrayEquals(new int[] {0}, predict(1, 2f));
    }

    @Test
    void nearNeighboursFarFromTheOriginAreRankedExactly() {
        // float32 scores |b|^2 - 2 a.b near 1e4 would round away differences of 1e-3; the data are
        // centred and the candidates re-ranked in float64
        float base = 10000f;
        float ulp = Math.ulp(base); // 2^-10: exact steps of the float grid near 1e4
        float[] train = {base, base, base + 10 * ulp, base, base + 20 * ulp, base};
        int[] labels = {0, 1, 2};
        float[] test = {base + 17 * ulp, base, base - ulp, base, base + 9 * ulp, base};
        assertArrayEquals(new int[] {2, 0, 1}, NearestNeighbors.predict(train, labels, 3, test, 3, 2, 1));
    }

    @Test
    void agreesWithBruteForceOnRandomData() {
        int nTrain = 500;
        int nTest = 200;
        int d = 3;
        SplittableRandom random = new SplittableRandom(9);
        float[] train = new float[nTrain * d];
        float[] test = new float[nTest * d];
        int[] labels = new int[nTrain];
        for (int i = 0; i < train.length; i++) {
            train[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < test.length; i++) {
            test[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < nTrain; i++) {
            labels[i] = random.nextInt(4);
        }
        for (int k : new int[] {1, 4, 7}) {
            int[] predicted = NearestNeighbors.predict(train, labels, nTrain, test, nTest, d, k);
            for (int t = 0; t < nTest; t++) {
                assertEquals(bruteForce(train, labels, nTrain, test, t, d, k), predicted[t], "k=" + k + ", row " + t);
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        float[] test = {0, 0};
        assertEquals("k must be in 1..nTrain = 5, got 0", assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbors.predict(TRAIN, LABELS, 5, test, 1, 2, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbors.predict(TRAIN, LABELS, 5, test, 1, 2, 6));
        assertEquals("trainY[1] = -1 is negative", assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbors.predict(TRAIN, new int[] {0, -1, 1, 1, 2}, 5, test, 1, 2, 1)).getMessage());
        assertEquals("trainY has 4 labels, expected n = 5", assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbors.predict(TRAIN, new int[4], 5, test, 1, 2, 1)).getMessage());
        assertEquals("testX has 2 values, expected n * d = 2 * 2 = 4", assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbors.predict(TRAIN, LABELS, 5, test, 2, 2, 1)).getMessage());
        assertEquals(0, NearestNeighbors.predict(TRAIN, LABELS, 5, new float[0], 0, 2, 1).length);
    }

    /** The rule written out: sort all training rows by (distance, index), vote, break ties by the nearest. */
    private static int bruteForce(float[] train, int[] labels, int nTrain, float[] test, int t, int d, int k) {
        double[] distance = new double[nTrain];
        for (int i = 0; i < nTrain; i++) {
            for (int j = 0; j < d; j++) {
                double diff = (double) test[t * d + j] - train[i * d + j];
                distance[i] += diff * diff;
            }
        }
        int[] order = IntStream.range(0, nTrain).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> distance[i]).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
        int[] votes = new int[Arrays.stream(labels).max().orElseThrow() + 1];
        for (int c = 0; c < k; c++) {
            votes[labels[order[c]]]++;
        }
        int most = Arrays.stream(votes).max().orElseThrow();
        for (int c = 0; c < k; c++) {
            if (votes[labels[order[c]]] == most) {
                return labels[order[c]];
            }
        }
        throw new AssertionError();
    }
}
