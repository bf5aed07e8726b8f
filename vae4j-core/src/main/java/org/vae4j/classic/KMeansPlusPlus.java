package org.vae4j.classic;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.vae4j.dist.Rng;

/**
 * k-means++ seeding (Arthur and Vassilvitskii, 2007): the first centre is a uniformly random row; each
 * next one is row i with probability D(x_i)^2 / sum_j D(x_j)^2, D the distance to the nearest centre
 * picked so far. The squared distances are DJL block reductions.
 */
final class KMeansPlusPlus {

    private KMeansPlusPlus() {
    }

    /** The indices of k distinct-as-possible rows (repeats only when fewer than k rows differ). */
    static int[] pick(NDManager manager, CentredRows data, int k, Rng rng) {
        int n = data.n();
        int[] picked = new int[k];
        picked[0] = uniform(rng, n);
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double[] distances = squaredDistances(manager, data, picked[c - 1]);
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], distances[i]);
                total += nearest[i];
            }
            picked[c] = total > 0 ? proportional(rng, nearest, total) : uniform(rng, n);
        }
        return picked;
    }

    private static int uniform(Rng rng, int n) {
        return Math.min(n - 1, (int) (rng.nextDouble() * n));
    }

    /** Row i with probability w_i / total. */
    private static int proportional(Rng rng, double[] weights, double total) {
        double u = rng.nextDouble() * total;
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                cumulative += weights[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last;
    }

    /** |x_i - x_centre|^2 for every row i. */
    private static double[] squaredDistances(NDManager manager, CentredRows data, int centre) {
        int n = data.n();
        int d = data.dim();
        double[] distances = new double[n];
        int step = Rows.blockRows(d);
        try (NDManager sub = manager.newSubManager()) {
            double[] c = data.block(sub, centre, centre + 1).toDoubleArray();
            for (int from = 0; from < n; from += step) {
                int to = Math.min(n, from + step);
                try (NDManager blockManager = sub.newSubManager()) {
                    double[] part = data.block(blockManager, from, to).subi(blockManager.create(c, new Shape(1, d)))
                            .square().sum(new int[] {1}).toDoubleArray();
                    System.arraycopy(part, 0, distances, from, part.length);
                }
            }
        }
        return distances;
    }
}
