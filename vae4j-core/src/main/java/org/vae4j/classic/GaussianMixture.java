package org.vae4j.classic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;
import org.vae4j.error.SettingException;

/**
 * A Gaussian mixture p(x) = sum_k pi_k N(x; mu_k, Sigma_k) fitted by expectation-maximisation (Dempster,
 * Laird and Rubin, 1977; Bishop, Pattern Recognition and Machine Learning, 2006, sec. 9.2): the latent
 * variable model whose posterior p(z | x) is exact, so the E-step makes the evidence lower bound tight.
 *
 * <p>With responsibilities q(z_i = k) = r_ik the bound is
 * F(q, theta) = sum_i sum_k r_ik (log pi_k + log N(x_i; mu_k, Sigma_k) - log r_ik) <= sum_i log p(x_i).
 * The E-step sets r_ik = p(z_i = k | x_i, theta) (in log space, by logsumexp), which makes F equal to
 * the log-likelihood; the M-step maximises F over theta with q fixed:
 * N_k = sum_i r_ik, pi_k = N_k / n, mu_k = sum_i r_ik x_i / N_k,
 * Sigma_k = sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / N_k + regularization I (diagonal: its diagonal).
 * So the log-likelihood never decreases; {@link #history()} records it and F after each step. With a
 * positive regularization the M-step is off the maximiser by that much, so near convergence F may fall
 * by amounts of that order (scikit-learn's reg_covar has the same effect); with 0 the guarantee is exact.
 *
 * <p>Initialisation: k-means++ (Arthur and Vassilvitskii, 2007) picks K rows as means, seeded by
 * {@link Rng}; every component starts with weight 1/K and the covariance of the whole data. The N x K
 * work and the scatter matrices are DJL float64 products over blocks of rows; the covariances are
 * factored by EJML. The data are centred on their mean internally. Instances are immutable.
 */
public final class GaussianMixture {

    private final int dim;
    private final double[] shift;
    private final MixtureComponents theta;
    private final List<EmStep> history;
    private final boolean converged;
    private final double logLikelihood;

    private GaussianMixture(int dim, double[] shift, MixtureComponents theta, List<EmStep> history,
            boolean converged, double logLikelihood) {
        this.dim = dim;
        this.shift = shift;
        this.theta = theta;
        this.history = List.copyOf(history);
        this.converged = converged;
        this.logLikelihood = logLikelihood;
    }

    /** Fits K components to n rows of dimension d (row-major x). */
    public static GaussianMixture fit(float[] x, int n, int d, GmmConfig config) {
        return fit(x, n, d, config, step -> { });
    }

    /**
     * Fits K components to n rows of dimension d, calling {@code onIteration} after each EM iteration.
     *
     * @param x n * d finite values; row i occupies [i * d, (i + 1) * d)
     * @throws IllegalArgumentException for bad arguments, K > n, or a component that collapses
     */
    public static GaussianMixture fit(float[] x, int n, int d, GmmConfig config, Consumer<EmStep> onIteration) {
        Arguments.matrix("x", x, n, d, 1);
        Arguments.finite("x", x, d);
        int k = config.components();
        if (k > n) {
            throw new SettingException("components", "the number of components", k + " exceeds the " + n + " examples to fit");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            CentredRows data = CentredRows.onMean(manager, x, n, d);
            MixtureComponents current = initial(manager, data, config);
            double[] joint = logJoint(manager, data, current);
            List<EmStep> history = new ArrayList<>();
            double previous = Double.NaN;
            double logLikelihood = Double.NaN;
            boolean converged = false;
            for (int t = 1; t <= config.maxIterations(); t++) {
                try (NDManager step = manager.newSubManager()) {
                    Posterior q = Posterior.of(step, joint, n, k);
                    if (t > 1 && config.tolerance() > 0 && q.logLikelihood - previous < config.tolerance()) {
                        logLikelihood = q.logLikelihood;
                        converged = true;
                        break;
                    }
                    double elboAfterE = q.bound(joint);
                    MixtureComponents next = mStep(step, data, q.responsibilities, config);
                    double[] nextJoint = logJoint(step, data, next);
                    double elboAfterM = q.bound(nextJoint);
                    EmStep record = new EmStep(t, q.logLikelihood, elboAfterE, elboAfterM);
                    history.add(record);
                    onIteration.accept(record);
                    previous = q.logLikelihood;
                    current = next;
                    joint = nextJoint;
                }
            }
            if (!converged) {
                try (NDManager step = manager.newSubManager()) {
                    logLikelihood = Posterior.of(step, joint, n, k).logLikelihood;
                }
            }
            return new GaussianMixture(d, data.shift(), current, history, converged, logLikelihood);
        }
    }

    /** k-means++ means, weights 1/K, and the covariance of all the data (plus the regularization) for each. */
    private static MixtureComponents initial(NDManager manager, CentredRows data, GmmConfig config) {
        int k = config.components();
        int d = data.dim();
        int[] picked = KMeansPlusPlus.pick(manager, data, k, new Rng(config.seed()));
        double[] means = new double[k * d];
        try (NDManager sub = manager.newSubManager()) {
            for (int c = 0; c < k; c++) {
                double[] row = data.block(sub, picked[c], picked[c] + 1).toDoubleArray();
                System.arraycopy(row, 0, means, c * d, d);
            }
        }
        // the data are centred, so one component with r_i1 = 1 and mean 0 has the data's covariance
        double[] ones = new double[data.n()];
        Arrays.fill(ones, 1);
        double[] whole = scatter(manager, data, ones, new double[] {data.n()}, new double[d], config);
        double[] covariances = new double[k * whole.length];
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            System.arraycopy(whole, 0, covariances, c * whole.length, whole.length);
            weights[c] = 1.0 / k;
        }
        return MixtureComponents.of(config.covariance(), d, weights, means, covariances);
    }

    /**
     * The M-step for fixed responsibilities r [n * K]: N_k = sum_i r_ik, pi_k = N_k / n,
     * mu_k = sum_i r_ik x_i / N_k, Sigma_k = sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / N_k + reg I.
     */
    private static MixtureComponents mStep(NDManager manager, CentredRows data, double[] r, GmmConfig config) {
        int n = data.n();
        int d = data.dim();
        int k = config.components();
        double[] counts = new double[k];
        double[] sums = new double[k * d];
        int step = Rows.blockRows((long) Math.max(k, d));
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            try (NDManager sub = manager.newSubManager()) {
                NDArray rBlock = CentredRows.block(sub, r, k, from, to);
                add(counts, rBlock.sum(new int[] {0}).toDoubleArray());
                // sum_i r_ik x_i for every k: R^T X
                add(sums, rBlock.transpose().matMul(data.block(sub, from, to)).toDoubleArray());
            }
        }
        double[] weights = new double[k];
        double[] means = new double[k * d];
        for (int c = 0; c < k; c++) {
            if (!(counts[c] > 0)) {
                throw new IllegalArgumentException("component " + c + " lost all its responsibility (N_k = "
                        + counts[c] + "); use fewer components");
            }
            weights[c] = counts[c] / n;
            for (int j = 0; j < d; j++) {
                means[c * d + j] = sums[c * d + j] / counts[c];
            }
        }
        double[] covariances = scatter(manager, data, r, counts, means, config);
        return MixtureComponents.of(config.covariance(), d, weights, means, covariances);
    }

    /**
     * Sigma_k = sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / N_k + reg I for each k: K d x d matrices (full) or
     * K rows of d variances (diagonal), row-major.
     */
    private static double[] scatter(NDManager manager, CentredRows data, double[] r, double[] counts,
            double[] means, GmmConfig config) {
        int n = data.n();
        int d = data.dim();
        int k = counts.length;
        boolean full = config.covariance() == CovarianceType.FULL;
        int size = full ? d * d : d;
        double[] result = new double[k * size];
        int step = Rows.blockRows((long) k * d);
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            try (NDManager sub = manager.newSubManager()) {
                NDArray x = data.block(sub, from, to);
                NDArray rBlock = CentredRows.block(sub, r, k, from, to);
                long b = to - from;
                if (full) {
                    for (int c = 0; c < k; c++) {
                        NDArray centred = x.sub(sub.create(Arrays.copyOfRange(means, c * d, (c + 1) * d),
                                new Shape(1, d)));
                        // sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T = (r_k * Xc)^T Xc
                        NDArray weighted = centred.mul(rBlock.get(":, " + c + ":" + (c + 1)));
                        double[] part = weighted.transpose().matMul(centred).toDoubleArray();
                        for (int i = 0; i < size; i++) {
                            result[c * size + i] += part[i];
                        }
                    }
                } else {
                    // sum_i r_ik (x_ij - mu_kj)^2 for every k and j
                    NDArray squares = x.reshape(b, 1, d).sub(sub.create(means, new Shape(1, k, d))).square()
                            .muli(rBlock.reshape(b, k, 1));
                    add(result, squares.sum(new int[] {0}).toDoubleArray());
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < size; i++) {
                result[c * size + i] /= counts[c];
            }
            for (int j = 0; j < d; j++) {
                result[c * size + (full ? j * d + j : j)] += config.regularization();
            }
            if (full) {
                symmetrize(result, c * size, d);
            }
        }
        return result;
    }

    private static void symmetrize(double[] m, int offset, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double mean = 0.5 * (m[offset + i * d + j] + m[offset + j * d + i]);
                m[offset + i * d + j] = mean;
                m[offset + j * d + i] = mean;
            }
        }
    }

    private static void add(double[] target, double[] values) {
        for (int i = 0; i < target.length; i++) {
            target[i] += values[i];
        }
    }

    /** log p(x_i, z_i = k | theta) for all rows: [n * K], row-major. */
    private static double[] logJoint(NDManager manager, CentredRows data, MixtureComponents components) {
        int n = data.n();
        int k = components.components();
        double[] joint = new double[n * k];
        int step = components.blockRows();
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            try (NDManager sub = manager.newSubManager()) {
                double[] part = components.logJoint(data.block(sub, from, to)).toDoubleArray();
                System.arraycopy(part, 0, joint, from * k, part.length);
            }
        }
        return joint;
    }

    /** The exact posterior q(z_i = k) = p(z_i = k | x_i, theta) of an E-step, from the joint log-densities. */
    private static final class Posterior {
        private final NDArray logR;
        private final NDArray r;
        private final double[] responsibilities;
        private final double logLikelihood;
        private final int n;
        private final int k;

        private Posterior(NDArray logR, NDArray r, double logLikelihood, int n, int k) {
            this.logR = logR;
            this.r = r;
            this.responsibilities = r.toDoubleArray();
            this.logLikelihood = logLikelihood;
            this.n = n;
            this.k = k;
        }

        /** log r_ik = log p(x_i, k) - log sum_k' p(x_i, k'); the mean log p(x_i) is the mean of the logsumexp. */
        static Posterior of(NDManager manager, double[] joint, int n, int k) {
            NDArray logJoint = manager.create(joint, new Shape(n, k));
            NDArray logPx = Ops.logSumExp(logJoint, 1);
            NDArray logR = logJoint.sub(logPx.reshape(n, 1));
            double logLikelihood = logPx.sum().toDoubleArray()[0] / n;
            return new Posterior(logR, logR.exp(), logLikelihood, n, k);
        }

        /** F(q, theta) / n = sum_i sum_k r_ik (log p(x_i, z_i = k | theta) - log r_ik) / n. */
        double bound(double[] joint) {
            NDManager manager = r.getManager();
            NDArray logJoint = manager.create(joint, new Shape(n, k));
            return r.mul(logJoint.sub(logR)).sum().toDoubleArray()[0] / n;
        }
    }

    /** The dimension d of the data. */
    public int dim() {
        return dim;
    }

    /** K, the number of components. */
    public int components() {
        return theta.components();
    }

    public CovarianceType covarianceType() {
        return theta.type();
    }

    /** The mixing weights pi_k [K] (a copy). */
    public double[] weights() {
        return theta.weights();
    }

    /** The means mu_k [K * d], row-major (a copy). */
    public double[] means() {
        double[] means = theta.means();
        for (int i = 0; i < means.length; i++) {
            means[i] += shift[i % dim];
        }
        return means;
    }

    /** Component k's covariance Sigma_k as a d x d row-major matrix (zeros off the diagonal when diagonal). */
    public double[] covariance(int component) {
        return theta.covariance(Objects.checkIndex(component, components()));
    }

    /** One record per EM iteration run (M-steps done), in order. */
    public List<EmStep> history() {
        return history;
    }

    /** True when EM stopped because an iteration gained less than the tolerance. */
    public boolean converged() {
        return converged;
    }

    /** The mean log-likelihood per example of the training data under the fitted parameters (nats). */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** log p(x_i) = logsumexp_k (log pi_k + log N(x_i; mu_k, Sigma_k)) for n rows: [n], nats. */
    public double[] logLikelihood(float[] x, int n) {
        double[] logPx = new double[n];
        posteriorPass(x, n, (from, logJoint, lse) -> System.arraycopy(lse.toDoubleArray(), 0, logPx, from,
                (int) lse.size()));
        return logPx;
    }

    /** The responsibilities p(z_i = k | x_i) of n rows: [n * K], row-major. */
    public double[] responsibilities(float[] x, int n) {
        int k = components();
        double[] r = new double[n * k];
        posteriorPass(x, n, (from, logJoint, lse) -> {
            double[] part = logJoint.sub(lse.reshape(-1, 1)).exp().toDoubleArray();
            System.arraycopy(part, 0, r, from * k, part.length);
        });
        return r;
    }

    /** The most probable component argmax_k p(z_i = k | x_i) of each of n rows. */
    public int[] predict(float[] x, int n) {
        int[] labels = new int[n];
        posteriorPass(x, n, (from, logJoint, lse) -> {
            long[] best = logJoint.argMax(1).toLongArray();
            for (int i = 0; i < best.length; i++) {
                labels[from + i] = (int) best[i];
            }
        });
        return labels;
    }

    private interface BlockResult {
        void accept(int from, NDArray logJoint, NDArray logPx);
    }

    private void posteriorPass(float[] x, int n, BlockResult result) {
        Arguments.matrix("x", x, n, dim, 0);
        Arguments.finite("x", x, dim);
        CentredRows data = new CentredRows(x, n, dim, shift);
        int step = theta.blockRows();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from < n; from += step) {
                int to = Math.min(n, from + step);
                try (NDManager sub = manager.newSubManager()) {
                    NDArray logJoint = theta.logJoint(data.block(sub, from, to));
                    result.accept(from, logJoint, Ops.logSumExp(logJoint, 1));
                }
            }
        }
    }

    @Override
    public String toString() {
        return "GaussianMixture[K=" + components() + ", d=" + dim + ", " + covarianceType().id() + ", iterations="
                + history.size() + (converged ? " (converged)" : "") + ", logLikelihood=" + logLikelihood + "]";
    }
}
