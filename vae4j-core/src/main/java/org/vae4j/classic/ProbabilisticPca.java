package org.vae4j.classic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;
import org.vae4j.error.SettingException;

/**
 * Probabilistic PCA (Tipping and Bishop, Probabilistic principal component analysis, JRSS B 61, 1999):
 * z ~ N(0, I_q), x | z ~ N(W z + mu, sigma^2 I_d), so x ~ N(mu, C) with C = W W^T + sigma^2 I. The
 * linear-Gaussian latent variable model whose posterior p(z | x) = N(M^-1 W^T (x - mu), sigma^2 M^-1),
 * M = W^T W + sigma^2 I, is exact.
 *
 * <p>Two fits: the closed-form maximum of the likelihood (their eqs. 7-8), W = U_q (L_q - sigma^2 I)^(1/2)
 * and sigma^2 = the mean of the d - q discarded eigenvalues of the sample covariance S, from
 * {@link Pca}; and EM (their eqs. 27-28), which reaches the same likelihood. The marginal log p(x) is
 * computed without any d x d matrix: log |C| = (d - q) log sigma^2 + log |M| (determinant lemma) and
 * C^-1 = (I - W M^-1 W^T) / sigma^2 (Woodbury), so d = 784 costs a q x q Cholesky and an n x d x q
 * product. mu is the sample mean in both fits. Instances are immutable.
 */
public final class ProbabilisticPca {

    private final int dim;
    private final int latent;
    private final double[] mean;
    private final DMatrixRMaj loadings;
    private final double noiseVariance;
    private final List<PpcaStep> history;

    private ProbabilisticPca(double[] mean, DMatrixRMaj loadings, double noiseVariance, List<PpcaStep> history) {
        this.dim = loadings.numRows;
        this.latent = loadings.numCols;
        this.mean = mean;
        this.loadings = loadings;
        this.noiseVariance = noiseVariance;
        this.history = List.copyOf(history);
    }

    /**
     * The maximum-likelihood solution in closed form: with S's leading eigenvalues L_q and eigenvectors
     * U_q, sigma^2 = sum_{j > q} lambda_j / (d - q) = (tr S - sum_{j <= q} lambda_j) / (d - q) and
     * W = U_q (L_q - sigma^2 I)^(1/2) (the rotation R = I).
     *
     * @param x n * d finite values, row-major
     * @param q the latent dimension, in 1..d-1
     * @throws IllegalArgumentException when the discarded eigenvalues are all zero (sigma^2 = 0)
     */
    public static ProbabilisticPca closedForm(float[] x, int n, int d, int q) {
        checkArguments(x, n, d, q);
        Pca pca = Pca.fit(x, n, d, q);
        double[] mean;
        double traceS;
        try (NDManager manager = NDManager.newBaseManager()) {
            CentredRows data = CentredRows.onMean(manager, x, n, d);
            mean = data.shift();
            traceS = totalVariance(manager, data);
        }
        double[] eigenvalues = pca.explainedVariance();
        double kept = 0;
        for (double lambda : eigenvalues) {
            kept += lambda;
        }
        double noiseVariance = Math.max(0, traceS - kept) / (d - q);
        requirePositive(noiseVariance, q);
        float[] basis = pca.basis();
        DMatrixRMaj w = new DMatrixRMaj(d, q);
        for (int j = 0; j < q; j++) {
            // column j = u_j sqrt(lambda_j - sigma^2)
            double scale = Math.sqrt(Math.max(0, eigenvalues[j] - noiseVariance));
            for (int i = 0; i < d; i++) {
                w.set(i, j, basis[j * d + i] * scale);
            }
        }
        return new ProbabilisticPca(mean, w, noiseVariance, List.of());
    }

    /** EM from a random W (see {@link #em(float[], int, int, PpcaConfig, Consumer)}). */
    public static ProbabilisticPca em(float[] x, int n, int d, PpcaConfig config) {
        return em(x, n, d, config, step -> { });
    }

    /**
     * EM (Tipping and Bishop 1999, eqs. 25-28). E-step: M = W^T W + sigma^2 I,
     * E[z_i] = M^-1 W^T (x_i - mu), E[z_i z_i^T] = sigma^2 M^-1 + E[z_i] E[z_i]^T. M-step:
     * W' = [sum_i (x_i - mu) E[z_i]^T] [sum_i E[z_i z_i^T]]^-1,
     * sigma'^2 = sum_i (|x_i - mu|^2 - 2 E[z_i]^T W'^T (x_i - mu) + tr(E[z_i z_i^T] W'^T W')) / (n d).
     * The start is W_ij ~ N(0, tr S / d), sigma^2 = tr S / d; {@code onIteration} sees each iteration.
     */
    public static ProbabilisticPca em(float[] x, int n, int d, PpcaConfig config, Consumer<PpcaStep> onIteration) {
        int q = config.latent();
        checkArguments(x, n, d, q);
        try (NDManager manager = NDManager.newBaseManager()) {
            CentredRows data = CentredRows.onMean(manager, x, n, d);
            double traceS = totalVariance(manager, data);
            requirePositive(traceS, 0);
            DMatrixRMaj w = new DMatrixRMaj(d, q);
            float[] noise = new Rng(config.seed()).normal(manager, new Shape(d, q)).toFloatArray();
            double scale = Math.sqrt(traceS / d);
            for (int i = 0; i < noise.length; i++) {
                w.data[i] = scale * noise[i];
            }
            double noiseVariance = traceS / d;
            List<PpcaStep> history = new ArrayList<>();
            double previous = Double.NaN;
            for (int t = 1; t <= config.maxIterations(); t++) {
                double logLikelihood = mean(logLikelihoods(manager, data, w, noiseVariance));
                if (t > 1 && config.tolerance() > 0 && logLikelihood - previous < config.tolerance()) {
                    break;
                }
                EmUpdate update = emUpdate(manager, data, w, noiseVariance, traceS);
                w = update.loadings;
                noiseVariance = update.noiseVariance;
                PpcaStep step = new PpcaStep(t, logLikelihood, noiseVariance);
                history.add(step);
                onIteration.accept(step);
                previous = logLikelihood;
            }
            return new ProbabilisticPca(data.shift(), w, noiseVariance, history);
        }
    }

    private record EmUpdate(DMatrixRMaj loadings, double noiseVariance) {
    }

    /** One E-step and M-step; the sums over examples are DJL products over blocks of rows. */
    private static EmUpdate emUpdate(NDManager manager, CentredRows data, DMatrixRMaj w, double noiseVariance,
            double traceS) {
        int n = data.n();
        int d = data.dim();
        int q = w.numCols;
        DMatrixRMaj mInverse = posteriorPrecisionFactor(w, noiseVariance).inverse();
        // E[z_i] = M^-1 W^T xc_i, so the rows E[z_i]^T = xc_i^T W M^-1 = Xc G
        DMatrixRMaj g = new DMatrixRMaj(d, q);
        CommonOps_DDRM.mult(w, mInverse, g);
        DMatrixRMaj a = new DMatrixRMaj(d, q);
        DMatrixRMaj b = new DMatrixRMaj(q, q);
        int step = Rows.blockRows(d);
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            try (NDManager sub = manager.newSubManager()) {
                NDArray xc = data.block(sub, from, to);
                NDArray ez = xc.matMul(sub.create(g.data, new Shape(d, q)));
                // A = sum_i xc_i E[z_i]^T = Xc^T Ez; B = sum_i E[z_i] E[z_i]^T = Ez^T Ez
                addTo(a, xc.transpose().matMul(ez).toDoubleArray());
                addTo(b, ez.transpose().matMul(ez).toDoubleArray());
            }
        }
        // sum_i E[z_i z_i^T] = n sigma^2 M^-1 + sum_i E[z_i] E[z_i]^T
        CommonOps_DDRM.addEquals(b, n * noiseVariance, mInverse);
        Cholesky bFactor = Cholesky.tryFactor(b);
        if (bFactor == null) {
            throw new IllegalArgumentException("EM for probabilistic PCA lost rank: sum E[z z^T] is singular");
        }
        DMatrixRMaj wNext = new DMatrixRMaj(d, q);
        CommonOps_DDRM.mult(a, bFactor.inverse(), wNext);
        // sum_i E[z_i]^T W'^T xc_i = tr(W'^T A); sum_i tr(E[z_i z_i^T] W'^T W') = tr(B W'^T W')
        DMatrixRMaj gram = new DMatrixRMaj(q, q);
        CommonOps_DDRM.multTransA(wNext, wNext, gram);
        double cross = inner(wNext, a);
        double quadratic = inner(b, gram);
        double next = (n * traceS - 2 * cross + quadratic) / ((double) n * d);
        requirePositive(next, q);
        return new EmUpdate(wNext, next);
    }

    /** The Cholesky factor of M = W^T W + sigma^2 I (q x q). */
    private static Cholesky posteriorPrecisionFactor(DMatrixRMaj w, double noiseVariance) {
        DMatrixRMaj m = new DMatrixRMaj(w.numCols, w.numCols);
        CommonOps_DDRM.multTransA(w, w, m);
        for (int j = 0; j < w.numCols; j++) {
            m.add(j, j, noiseVariance);
        }
        Cholesky factor = Cholesky.tryFactor(m);
        if (factor == null) {
            throw new IllegalArgumentException("W^T W + sigma^2 I is not positive definite (sigma^2 = "
                    + noiseVariance + ")");
        }
        return factor;
    }

    /**
     * log N(x_i; mu, W W^T + sigma^2 I) = -1/2 (d log 2 pi + log |C| + (x_i - mu)^T C^-1 (x_i - mu)) with
     * log |C| = (d - q) log sigma^2 + log |M| and (x - mu)^T C^-1 (x - mu) = (|xc|^2 - |L_M^-1 W^T xc|^2) / sigma^2.
     */
    private static double[] logLikelihoods(NDManager manager, CentredRows data, DMatrixRMaj w, double noiseVariance) {
        int n = data.n();
        int d = data.dim();
        int q = w.numCols;
        Cholesky m = posteriorPrecisionFactor(w, noiseVariance);
        double logDetC = (d - q) * Math.log(noiseVariance) + m.logDeterminant();
        // P = W L_M^-T, so xc^T P = (L_M^-1 W^T xc)^T
        DMatrixRMaj p = new DMatrixRMaj(d, q);
        CommonOps_DDRM.multTransB(w, m.lowerInverse(), p);
        double constant = -0.5 * (d * Ops.LOG_2PI + logDetC);
        double[] logPx = new double[n];
        int step = Rows.blockRows(d);
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            try (NDManager sub = manager.newSubManager()) {
                NDArray xc = data.block(sub, from, to);
                NDArray squaredNorm = xc.square().sum(new int[] {1});
                NDArray explained = xc.matMul(sub.create(p.data, new Shape(d, q))).square().sum(new int[] {1});
                double[] part = squaredNorm.sub(explained).toDoubleArray();
                for (int i = 0; i < part.length; i++) {
                    logPx[from + i] = constant - 0.5 * part[i] / noiseVariance;
                }
            }
        }
        return logPx;
    }

    /** tr S = sum_j sum_i (x_ij - mean_j)^2 / n. */
    private static double totalVariance(NDManager manager, CentredRows data) {
        double total = 0;
        int step = Rows.blockRows(data.dim());
        for (int from = 0; from < data.n(); from += step) {
            int to = Math.min(data.n(), from + step);
            try (NDManager sub = manager.newSubManager()) {
                total += data.block(sub, from, to).square().sum().toDoubleArray()[0];
            }
        }
        return total / data.n();
    }

    private static void checkArguments(float[] x, int n, int d, int q) {
        Arguments.matrix("x", x, n, d, 2);
        if (q < 1 || q >= d) {
            throw new SettingException("latent", "the latent size", "must be in 1.." + (d - 1)
                    + " (below the data's dimension " + d + "), got " + q);
        }
        Arguments.finite("x", x, d);
    }

    private static void requirePositive(double noiseVariance, int q) {
        if (!(noiseVariance > 0) || Double.isInfinite(noiseVariance)) {
            throw new IllegalArgumentException("the data have no variance outside " + (q == 0 ? "their mean"
                    : "a " + q + "-dimensional subspace") + " (sigma^2 = " + noiseVariance + "); use a smaller latent size");
        }
    }

    /** tr(A^T B) = sum_ij A_ij B_ij for small matrices of the same shape. */
    private static double inner(DMatrixRMaj a, DMatrixRMaj b) {
        double sum = 0;
        for (int i = 0; i < a.data.length; i++) {
            sum += a.data[i] * b.data[i];
        }
        return sum;
    }

    private static void addTo(DMatrixRMaj target, double[] values) {
        for (int i = 0; i < values.length; i++) {
            target.data[i] += values[i];
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** log N(x_i; mu, W W^T + sigma^2 I) for n rows: [n], nats. */
    public double[] logLikelihood(float[] x, int n) {
        Arguments.matrix("x", x, n, dim, 0);
        Arguments.finite("x", x, dim);
        try (NDManager manager = NDManager.newBaseManager()) {
            return logLikelihoods(manager, new CentredRows(x, n, dim, mean), loadings, noiseVariance);
        }
    }

    /** The mean of {@link #logLikelihood(float[], int)} over n >= 1 rows: nats per example. */
    public double meanLogLikelihood(float[] x, int n) {
        return mean(logLikelihood(x, n));
    }

    /** The posterior means E[z_i | x_i] = M^-1 W^T (x_i - mu) of n rows: [n * q], row-major. */
    public double[] posteriorMeans(float[] x, int n) {
        Arguments.matrix("x", x, n, dim, 0);
        DMatrixRMaj g = new DMatrixRMaj(dim, latent);
        CommonOps_DDRM.mult(loadings, posteriorPrecisionFactor(loadings, noiseVariance).inverse(), g);
        double[] codes = new double[n * latent];
        CentredRows data = new CentredRows(x, n, dim, mean);
        int step = Rows.blockRows(dim);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from < n; from += step) {
                int to = Math.min(n, from + step);
                try (NDManager sub = manager.newSubManager()) {
                    double[] part = data.block(sub, from, to).matMul(sub.create(g.data, new Shape(dim, latent)))
                            .toDoubleArray();
                    System.arraycopy(part, 0, codes, from * latent, part.length);
                }
            }
        }
        return codes;
    }

    public int dim() {
        return dim;
    }

    /** q, the latent dimension. */
    public int latent() {
        return latent;
    }

    /** mu [d] (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** W [d * q], row-major (a copy). */
    public double[] loadings() {
        return loadings.data.clone();
    }

    /** sigma^2, the variance of the isotropic noise. */
    public double noiseVariance() {
        return noiseVariance;
    }

    /** EM's iterations (empty for the closed form). */
    public List<PpcaStep> history() {
        return history;
    }

    @Override
    public String toString() {
        return "ProbabilisticPca[d=" + dim + ", q=" + latent + ", sigma^2=" + noiseVariance
                + (history.isEmpty() ? ", closed form" : ", EM iterations=" + history.size()) + "]";
    }
}
