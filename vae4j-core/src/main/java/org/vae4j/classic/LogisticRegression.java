package org.vae4j.classic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vae4j.dist.Rng;

/**
 * Multinomial logistic regression (softmax regression) on standardized features
 * u = (x - mean) / std, with the training mean and std (a constant column keeps std 1):
 * p(y = k | x) = softmax(u W + b)_k with W [d, classes] and b [classes].
 *
 * <p>{@link #fit} minimizes the penalized mean negative log-likelihood
 * {@code L(W, b) = -(1/n) sum_i log p(y_i | x_i) + l2 |W|^2 / 2} (b is not penalized; Bishop, Pattern
 * Recognition and Machine Learning, 2006, sec. 4.3.4, plus a Gaussian prior on W) by full-batch L-BFGS
 * in preconditioned coordinates ({@link SoftmaxLoss}) with gradients from DJL autograd, to convergence:
 * until L fell by less than 5e-5 max(L, 1) over the last 10 iterations, max |dL/dtheta| <= 1e-5, the
 * float32 rounding of L is reached, or 1000 iterations. On Fashion-MNIST with l2 = 1e-3 the first rule
 * stops 1e-3 (relative) above the optimum, with the test accuracy already within 0.1% of its final
 * value. With l2 > 0 the objective is strictly convex and the optimum unique; the seed only sets the
 * small random initial weights, and a fit is deterministic for a given seed. With l2 = 0 the problem
 * is much worse conditioned (and unbounded on separable data): expect many more iterations.
 *
 * <p>Fitting uses DJL's gradient collector, of which only one may be open at a time in the process.
 * Instances are immutable and hold plain arrays only.
 */
public final class LogisticRegression {

    private static final double GRADIENT_TOLERANCE = 1e-5;
    private static final double PROGRESS_TOLERANCE = 5e-5;
    private static final int MAX_ITERATIONS = 1000;
    private static final int MEMORY = 10;
    /** Standard deviation of the initial weights. */
    private static final double INIT_STD = 1e-3;

    private final int dim;
    private final int classes;
    private final float[] mean;
    private final float[] std;
    private final float[] weights;
    private final float[] bias;

    private LogisticRegression(int dim, int classes, float[] mean, float[] std, float[] weights, float[] bias) {
        this.dim = dim;
        this.classes = classes;
        this.mean = mean;
        this.std = std;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Fits the model on n rows of dimension d.
     *
     * @param x n * d finite values, row-major
     * @param y n labels in 0..classes-1
     * @param classes number of classes, at least 2
     * @param l2 penalty weight on |W|^2 / 2, finite and non-negative (with 0 on separable data the
     *        weights grow until the iteration limit)
     * @param seed seed of the initial weights
     */
    public static LogisticRegression fit(float[] x, int[] y, int n, int d, int classes, double l2, long seed) {
        Arguments.matrix("x", x, n, d, 1);
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
        Arguments.labels("y", y, n, classes);
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and non-negative, got " + l2);
        }
        Arguments.finite("x", x, d);
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] mean = Rows.columnSums(manager, x, n, d);
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
            double[] variance = Rows.columnSquaredDeviations(manager, x, n, d, mean);
            float[] meanFloats = new float[d];
            float[] std = new float[d];
            for (int j = 0; j < d; j++) {
                meanFloats[j] = (float) mean[j];
                double sd = Math.sqrt(variance[j] / n);
                // a constant column (up to float rounding of its values) is centred but not scaled
                std[j] = sd > 1e-6 * Math.max(1, Math.abs(mean[j])) ? (float) sd : 1f;
            }
            NDArray u = standardize(manager.create(x, new Shape(n, d)), manager, meanFloats, std);
            SoftmaxLoss objective = new SoftmaxLoss(u, y, classes, l2);
            double[] start = new double[objective.size()];
            float[] init = new Rng(seed).normal(manager, new Shape(classes * d)).toFloatArray();
            for (int i = 0; i < init.length; i++) {
                start[i] = INIT_STD * init[i];
            }
            Lbfgs.Result result = new Lbfgs(MEMORY, GRADIENT_TOLERANCE, PROGRESS_TOLERANCE, MAX_ITERATIONS)
                    .minimize(objective, start);
            float[] weights = objective.weights(result.x());
            float[] bias = objective.bias(result.x());
            return new LogisticRegression(d, classes, meanFloats, std, weights, bias);
        }
    }

    /** u = (x - mean) / std in place, for x [rows, d]. */
    private static NDArray standardize(NDArray x, NDManager manager, float[] mean, float[] std) {
        int d = mean.length;
        try (NDArray meanRow = manager.create(mean, new Shape(1, d));
                NDArray stdRow = manager.create(std, new Shape(1, d))) {
            return x.subi(meanRow).divi(stdRow);
        }
    }

    /** The most probable class argmax_k (u W + b)_k of each of n rows (the first on exact ties). */
    public int[] predict(float[] x, int n) {
        Arguments.matrix("x", x, n, dim, 0);
        int[] predicted = new int[n];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray wT = manager.create(weights, new Shape(classes, dim));
            NDArray b = manager.create(bias, new Shape(classes));
            int step = Rows.blockRows(dim);
            for (int from = 0; from < n; from += step) {
                int to = Math.min(n, from + step);
                try (NDManager sub = manager.newSubManager()) {
                    NDArray u = standardize(Rows.block(sub, x, dim, from, to), sub, mean, std);
                    long[] argMax = u.matMul(wT.transpose()).addi(b).argMax(1).toLongArray();
                    for (int i = 0; i < argMax.length; i++) {
                        predicted[from + i] = (int) argMax[i];
                    }
                }
            }
        }
        return predicted;
    }

    /** The fraction of positions where predicted equals truth; the arrays must have the same length >= 1. */
    public static double accuracy(int[] predicted, int[] truth) {
        if (predicted == null || truth == null) {
            throw new IllegalArgumentException("predicted and truth must not be null");
        }
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(
                    predicted.length + " predictions for " + truth.length + " true labels");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("accuracy of no predictions is undefined");
        }
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == truth[i]) {
                correct++;
            }
        }
        return (double) correct / truth.length;
    }

    @Override
    public String toString() {
        return "LogisticRegression[dim=" + dim + ", classes=" + classes + "]";
    }
}
