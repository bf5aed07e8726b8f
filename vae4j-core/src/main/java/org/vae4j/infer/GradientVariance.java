package org.vae4j.infer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Ops;
import org.vae4j.dist.Rng;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Vae;
import org.vae4j.nn.LeafParameterStore;
import org.vae4j.objective.ScoreFunctionElbo;
import org.vae4j.data.Rows;
import org.vae4j.error.SettingException;

/**
 * How noisy the estimators of the encoder's gradient are: for one fixed batch, R independent
 * estimates of grad_phi of the mean ELBO (1/B) sum_i ELBO(x_i), each example's
 * E_q[log p(x|z)] estimated as the average of S single-sample estimates, and their spread.
 *
 * <p>Estimators: the reparameterization (pathwise) gradient; the score function (REINFORCE) without a
 * baseline, (1/S) sum_s log p(x|z_s) grad log q(z_s|x); and with a per-example baseline,
 * (1/S) sum_s (log p(x|z_s) - b_s) grad log q(z_s|x), where for S > 1 b_s is the leave-one-out mean
 * of the other S - 1 draws' log p(x|z) (Mnih and Rezende 2016, VIMCO-style), and for S = 1 the mean
 * of log p(x|z') over {@value #SINGLE_SAMPLE_BASELINE_DRAWS} independent draws z' ~ q(z|x) not used
 * in the gradient. Both baselines are independent of the draw they centre, so every estimator is
 * unbiased. The KL term is differentiated the same way in all (analytic for N(0, I), pathwise Monte
 * Carlo for a learned prior). Each estimate runs in its own
 * sub-manager with fresh parameter leaves, S split into chunks, so memory does not grow with R or S.
 */
public final class GradientVariance {

    /** Independent draws whose mean log p(x|z') is the baseline of a single-sample (S = 1) estimate. */
    public static final int SINGLE_SAMPLE_BASELINE_DRAWS = 10;

    /** The estimators compared. */
    public enum Estimator {
        REPARAMETERIZATION("reparam"),
        SCORE_FUNCTION("score"),
        SCORE_FUNCTION_BASELINE("score-baseline");

        private final String id;

        Estimator(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final Vae vae;
    private final List<Parameter> encoder = new ArrayList<>();
    private final int encoderSize;

    public GradientVariance(Vae vae) {
        this.vae = vae;
        long size = 0;
        for (Pair<String, Parameter> p : vae.encoder().network().getParameters()) {
            encoder.add(p.getValue());
            size += p.getValue().getArray().size();
        }
        this.encoderSize = Math.toIntExact(size);
    }

    /** The number of encoder parameters, the length of each gradient. */
    public int encoderSize() {
        return encoderSize;
    }

    /**
     * R estimates of the encoder's gradient and their spread.
     *
     * @param x the fixed batch [B, D]
     * @param condition one-hot [B, C] for a class-conditional model, else null
     * @param progress told the number of estimates done after each
     */
    public GradientStatistics measure(NDArray x, NDArray condition, Estimator estimator, int samples, int repeats,
            Rng rng, IntConsumer progress) {
        if (repeats < 2) {
            throw new SettingException("repeats", "the number of repeats", "must be at least 2 to measure a variance, got " + repeats);
        }
        double[] mean = new double[encoderSize];
        double[] m2 = new double[encoderSize];
        for (int r = 1; r <= repeats; r++) {
            double[] g = gradient(x, condition, estimator, samples, rng);
            for (int j = 0; j < encoderSize; j++) {
                // Welford: mean_r = mean_{r-1} + (g - mean_{r-1}) / r, M2 += (g - mean_{r-1}) (g - mean_r)
                double delta = g[j] - mean[j];
                mean[j] += delta / r;
                m2[j] += delta * (g[j] - mean[j]);
            }
            progress.accept(r);
        }
        double trace = 0;
        double squaredNorm = 0;
        double[] variance = new double[encoderSize];
        for (int j = 0; j < encoderSize; j++) {
            variance[j] = m2[j] / (repeats - 1);
            trace += variance[j];
            squaredNorm += mean[j] * mean[j];
        }
        return new GradientStatistics(estimator, samples, repeats, trace, squaredNorm, mean, variance);
    }

    /**
     * One estimate of grad_phi (1/B) sum_i ELBO(x_i) with S draws per example, flattened over the
     * encoder's parameters in their order.
     */
    public double[] gradient(NDArray x, NDArray condition, Estimator estimator, int samples, Rng rng) {
        if (samples < 1) {
            throw new IllegalArgumentException("the number of samples must be at least 1, got " + samples);
        }
        int b = Math.toIntExact(x.getShape().get(0));
        int d = Math.toIntExact(x.getShape().get(1));
        // about 4 M floats (16 MB) of decoder output per chunk
        int chunk = Math.max(1, Math.min(samples, (1 << 22) / (b * d)));
        double[] g = new double[encoderSize];
        try (NDManager draw = x.getManager().newSubManager()) {
            NDArray eps = rng.normal(draw, new Shape(samples, b, vae.config().latentDim()));
            NDArray baseline = estimator == Estimator.SCORE_FUNCTION_BASELINE
                    ? baseline(Scoped.copy(x, draw), Scoped.copy(condition, draw), eps, chunk, rng, draw) : null;
            for (int start = 0; start < samples; start += chunk) {
                int end = Math.min(samples, start + chunk);
                addChunk(g, x, condition, estimator, eps, baseline, start, end, samples, draw);
            }
        }
        return g;
    }

    /** Adds the gradient of draws start..end-1's share of the mean ELBO (the KL's once, with the first). */
    private void addChunk(double[] g, NDArray batch, NDArray batchCondition, Estimator estimator, NDArray eps,
            NDArray baseline, int start, int end, int samples, NDManager draw) {
        try (NDManager step = draw.newSubManager()) {
            NDArray x = Scoped.copy(batch, step);
            NDArray condition = Scoped.copy(batchCondition, step);
            LeafParameterStore ps = new LeafParameterStore(step, vae.parameters());
            NDArray epsChunk = Rows.slice(eps, start, end, step);
            long b = x.getShape().get(0);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                DiagonalGaussian q = vae.posterior(ps, x, condition, true);
                boolean pathwise = estimator == Estimator.REPARAMETERIZATION;
                NDArray z = pathwise ? q.rsample(epsChunk) : q.rsample(epsChunk).stopGradient();  // [S', B, L]
                NDArray logPxGivenZ = vae.decode(ps, z, condition, true).logProb(x);              // [S', B]
                NDArray estimate = logPxGivenZ;
                if (!pathwise) {
                    NDArray signal = logPxGivenZ.stopGradient();
                    if (baseline != null) {
                        signal = signal.sub(Rows.slice(baseline, start, end, step));
                    }
                    estimate = ScoreFunctionElbo.surrogate(logPxGivenZ, signal, q.logProb(z));
                }
                // this chunk's share of (1/B) sum_i [(1/S) sum_s estimate_{s,i} - KL_i]
                NDArray elbo = estimate.sum().div(Ops.scalar(step, (double) samples * b));
                if (start == 0) {
                    // the KL at pathwise draws in every estimator (analytic for N(0, I); a learned prior's Monte
                    // Carlo KL needs the pathwise gradient too), so all three estimate the same gradient
                    elbo = elbo.sub(vae.prior(ps, true).kl(q, q.rsample(epsChunk)).mean());
                }
                collector.backward(elbo);
            }
            int offset = 0;
            for (Parameter p : encoder) {
                float[] values = ps.gradient(p).toFloatArray();
                for (int j = 0; j < values.length; j++) {
                    g[offset + j] += values[j];
                }
                offset += values.length;
            }
        }
    }

    /**
     * The per-example baseline b [S, B] (or [1, B] for S = 1), without gradients: for S > 1 the
     * leave-one-out mean b_s = (sum_t f_t - f_s) / (S - 1) of f = log p(x|z) over the same draws; for
     * S = 1 the mean of f over independent draws.
     */
    private NDArray baseline(NDArray x, NDArray condition, NDArray eps, int chunk, Rng rng, NDManager draw) {
        long samples = eps.getShape().get(0);
        ParameterStore ps = LatentModel.inference(draw);
        DiagonalGaussian q = vae.posterior(ps, x, condition, false);
        if (samples == 1) {
            NDArray extra = rng.normal(draw, new Shape(SINGLE_SAMPLE_BASELINE_DRAWS, eps.getShape().get(1),
                    eps.getShape().get(2)));
            return logLikelihood(ps, q, x, condition, extra, chunk, draw).mean(new int[] {0}, true);
        }
        NDArray f = logLikelihood(ps, q, x, condition, eps, chunk, draw);        // [S, B]
        NDArray total = f.sum(new int[] {0}, true);
        // b_s = (sum_t f_t - f_s) / (S - 1)
        return total.sub(f).div(Ops.scalar(draw, samples - 1));
    }

    /** log p(x|z) for z = mu + sigma * eps of each noise row, [S, B], decoded in chunks. */
    private NDArray logLikelihood(ParameterStore ps, DiagonalGaussian q, NDArray x, NDArray condition, NDArray eps,
            int chunk, NDManager draw) {
        long samples = eps.getShape().get(0);
        NDList parts = new NDList();
        for (int start = 0; start < samples; start += chunk) {
            int end = (int) Math.min(samples, start + chunk);
            try (NDManager scratch = draw.newSubManager()) {
                NDArray z = q.rsample(Rows.slice(eps, start, end, scratch));
                z.attach(scratch);
                NDArray f = vae.decode(ps, z, condition, false).logProb(x);
                f.attach(draw);
                parts.add(f);
            }
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }
}
