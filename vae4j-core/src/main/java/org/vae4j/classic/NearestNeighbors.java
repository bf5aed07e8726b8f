package org.vae4j.classic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * k-nearest-neighbour classification by Euclidean distance (Hastie, Tibshirani and Friedman, The
 * Elements of Statistical Learning, 2009, sec. 13.3): each test row takes the most frequent label of
 * its k nearest training rows; among classes tied for the most votes, the one with the nearest member
 * wins.
 *
 * <p>Distances come from DJL in blocks of test rows, as |a - b|^2 = |a|^2 - 2 a.b + |b|^2 with both
 * sets centred on the training mean (which shrinks the rounding of the expansion); |a|^2 is the same
 * for every training row and is left out of the ranking. The engine's top-k of that float32 score picks
 * k + {@value #SPARE_CANDIDATES} candidates, which are then ranked by their exact float64 distance, and
 * equal distances by training index, so near-ties do not depend on float32 rounding.
 */
public final class NearestNeighbors {

    /** Candidates beyond k re-ranked exactly, as a margin for float32 rounding of the score. */
    static final int SPARE_CANDIDATES = 8;

    private NearestNeighbors() {
    }

    /**
     * Predicts a label for each test row.
     *
     * @param trainX nTrain * d finite values, row-major
     * @param trainY nTrain non-negative labels
     * @param testX nTest * d finite values, row-major (nTest may be 0)
     * @param k neighbours voting, in 1..nTrain
     * @return nTest predicted labels
     */
    public static int[] predict(float[] trainX, int[] trainY, int nTrain, float[] testX, int nTest, int d, int k) {
        Arguments.labels("trainY", trainY, nTrain, 0);
        int maxLabel = 0;
        for (int label : trainY) {
            maxLabel = Math.max(maxLabel, label);
        }
        int[] votes = new int[maxLabel + 1];
        int[] predicted = new int[nTest];
        search(trainX, nTrain, testX, nTest, d, k, (testRow, order) -> predicted[testRow] = vote(order, trainY, k, votes));
        return predicted;
    }

    /**
     * The k nearest training rows of each test row, nearest first (equal distances by training index).
     *
     * @return nTest * k training row indices, row-major
     */
    public static int[] nearest(float[] trainX, int nTrain, float[] testX, int nTest, int d, int k) {
        int[] nearest = new int[nTest * k];
        search(trainX, nTrain, testX, nTest, d, k,
                (testRow, order) -> System.arraycopy(order, 0, nearest, testRow * k, k));
        return nearest;
    }

    /** What to do with a test row's candidates, sorted nearest first (at least k of them). */
    @FunctionalInterface
    private interface Neighbourhood {
        void accept(int testRow, int[] order);
    }

    private static void search(float[] trainX, int nTrain, float[] testX, int nTest, int d, int k, Neighbourhood body) {
        Arguments.matrix("trainX", trainX, nTrain, d, 1);
        Arguments.matrix("testX", testX, nTest, d, 0);
        if (k < 1 || k > nTrain) {
            throw new IllegalArgumentException("k must be in 1..nTrain = " + nTrain + ", got " + k);
        }
        Arguments.finite("trainX", trainX, d);
        Arguments.finite("testX", testX, d);
        int candidates = Math.min(nTrain, k + SPARE_CANDIDATES);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray train = manager.create(trainX, new Shape(nTrain, d));
            NDArray center = train.mean(new int[] {0}, true);
            train.subi(center);
            // score(a, b) = |b|^2 - 2 a.b: one product of [a, 1] with [-2 b, |b|^2]
            NDArray norms = train.square().sum(new int[] {1}, true);
            NDArray augmented = train.mul(manager.full(new Shape(), -2f)).concat(norms, 1).transpose();
            int step = Rows.blockRows(nTrain);
            double[] distances = new double[candidates];
            int[] order = new int[candidates];
            for (int from = 0; from < nTest; from += step) {
                int to = Math.min(nTest, from + step);
                try (NDManager sub = manager.newSubManager()) {
                    NDArray test = Rows.block(sub, testX, d, from, to).subi(center);
                    NDArray ones = sub.ones(new Shape(to - from, 1));
                    NDArray scores = test.concat(ones, 1).matMul(augmented);
                    NDList top = scores.topK(candidates, 1, false, false);
                    long[] indices = top.get(1).toLongArray();
                    for (int row = 0; row < to - from; row++) {
                        int testRow = from + row;
                        for (int c = 0; c < candidates; c++) {
                            int trainRow = (int) indices[row * candidates + c];
                            order[c] = trainRow;
                            distances[c] = squaredDistance(testX, testRow, trainX, trainRow, d);
                        }
                        sortByDistance(order, distances);
                        body.accept(testRow, order);
                    }
                }
            }
        }
    }

    /** |x_i - t_j|^2 in float64. */
    private static double squaredDistance(float[] x, int i, float[] t, int j, int d) {
        double sum = 0;
        for (int c = 0; c < d; c++) {
            double diff = (double) x[i * d + c] - t[j * d + c];
            sum += diff * diff;
        }
        return sum;
    }

    /** Insertion sort of the candidates by (distance, training index). */
    private static void sortByDistance(int[] order, double[] distances) {
        for (int i = 1; i < order.length; i++) {
            int index = order[i];
            double distance = distances[i];
            int j = i - 1;
            while (j >= 0 && (distances[j] > distance || (distances[j] == distance && order[j] > index))) {
                order[j + 1] = order[j];
                distances[j + 1] = distances[j];
                j--;
            }
            order[j + 1] = index;
            distances[j + 1] = distance;
        }
    }

    /**
     * The label with most votes among the k nearest (order sorted nearest first); on a tie, the label
     * whose nearest member comes first. {@code votes} is a zeroed scratch array, left zeroed.
     */
    private static int vote(int[] order, int[] labels, int k, int[] votes) {
        int best = -1;
        int bestVotes = 0;
        for (int c = 0; c < k; c++) {
            votes[labels[order[c]]]++;
        }
        for (int c = 0; c < k; c++) {
            int label = labels[order[c]];
            if (votes[label] > bestVotes) {
                best = label;
                bestVotes = votes[label];
            }
        }
        for (int c = 0; c < k; c++) {
            votes[labels[order[c]]] = 0;
        }
        return best;
    }
}
