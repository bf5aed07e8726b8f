package org.vae4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.vae4j.dist.DiagonalGaussian;
import org.vae4j.dist.Rng;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Vae;
import org.vae4j.dist.RngStreams;
import org.vae4j.data.Rows;
import org.vae4j.error.SettingException;

/**
 * The gaps between log p(x) and the ELBO of a trained VAE, split as in Cremer, Li and Duvenaud
 * (2018): log p(x) - ELBO(q_encoder) = [log p(x) - ELBO(q*)] + [ELBO(q*) - ELBO(q_encoder)], with q*
 * the best diagonal Gaussian for each example, found by {@link PosteriorRefinement}. The second term
 * is the amortization gap (the encoder's q is not the best it could be), the first the approximation
 * gap (a diagonal Gaussian cannot match the true posterior); log p(x) is estimated from below by the
 * IWAE bound L_k.
 *
 * <p>Both ELBOs are estimated with the same M fresh draws eps per example (z = mu + sigma * eps for
 * each q), so their difference carries little Monte Carlo noise; the standard errors are over
 * examples, and those of the gaps are of the per-example differences.
 */
public final class AmortizationGap {

    /** Decoder outputs per chunk (about 16 MB of floats), as {@link Evaluator} bounds its memory. */
    private static final int FLOATS_PER_CHUNK = 1 << 22;

    /**
     * @param refinement how each q_i is refined
     * @param draws M, the fresh draws per example that estimate each ELBO compared
     * @param k the importance samples of the IWAE estimate of log p(x)
     */
    public record Config(PosteriorRefinement.Config refinement, int draws, int k) {

        public Config {
            if (refinement == null) {
                throw new IllegalArgumentException("a refinement configuration is required");
            }
            if (draws < 1) {
                throw new SettingException("draws", "the draws per ELBO estimate", "must be at least 1, got " + draws);
            }
            if (k < 1) {
                throw new SettingException("k", "the number of importance samples", "must be at least 1, got " + k);
            }
        }
    }

    /** A mean over examples and its standard error (NaN for one example). */
    public record Estimate(double mean, double stdErr) {

        /** mean = sum v_i / n, stdErr = sqrt(sum (v_i - mean)^2 / (n - 1) / n). */
        public static Estimate of(double[] values) {
            int n = values.length;
            double mean = Arrays.stream(values).sum() / n;
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Estimate(mean, n > 1 ? Math.sqrt(squares / (n - 1) / n) : Double.NaN);
        }
    }

    /**
     * What was measured, in nats per example.
     *
     * @param n the number of examples
     * @param amortizedElbo ELBO(x; q_encoder), M draws
     * @param refinedElbo ELBO(x; q*), the same M draws of eps
     * @param iwae L_k(x), the IWAE estimate of log p(x) (proposal q_encoder)
     * @param amortizationGap ELBO(q*) - ELBO(q_encoder), per example then averaged
     * @param approximationGap L_k - ELBO(q*), per example then averaged
     * @param trace the mean over examples of the S-draw ELBO estimate after t refinement steps, t = 0..steps
     */
    public record Report(Config config, int n, Estimate amortizedElbo, Estimate refinedElbo, Estimate iwae,
            Estimate amortizationGap, Estimate approximationGap, double[] trace) {
    }

    private final Vae vae;
    private final Config config;
    private final PosteriorRefinement refinement;
    private final int batchSize;

    /** @param batchSize at most this many examples are refined at once (fewer if S x D is large) */
    public AmortizationGap(Vae vae, Config config, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.vae = vae;
        this.config = config;
        this.batchSize = batchSize;
        this.refinement = new PosteriorRefinement(vae, config.refinement());
    }

    /**
     * Refines q for every row of {@code data} ([N, D]; {@code labels} condition a class-conditional
     * model, null otherwise) and compares the bounds. The noise of the refinement, of the ELBO draws
     * and of the IWAE estimate come from three streams of {@code seed}. {@code progress} receives the
     * number of examples done after each batch.
     */
    public Report evaluate(NDArray data, int[] labels, long seed, IntConsumer progress) {
        int n = Math.toIntExact(data.getShape().get(0));
        int d = Math.toIntExact(data.getShape().get(1));
        int rows = Math.max(1, Math.min(batchSize, FLOATS_PER_CHUNK / (config.refinement().samples() * d)));
        Rng refineRng = Rng.forStream(seed, RngStreams.REFINE);
        Rng elboRng = Rng.forStream(seed, RngStreams.REFINE_ELBO);
        Rng iwaeRng = Rng.forStream(seed, RngStreams.REFINE_IWAE);
        double[] amortized = new double[n];
        double[] refined = new double[n];
        double[] logPx = new double[n];
        double[] traceSums = new double[config.refinement().steps() + 1];
        for (int start = 0; start < n; start += rows) {
            int end = Math.min(n, start + rows);
            try (NDManager batch = data.getManager().newSubManager()) {
                NDArray x = Rows.slice(data, start, end, batch);
                int[] batchLabels = labels == null ? null : Arrays.copyOfRange(labels, start, end);
                NDArray condition = vae.condition(batch, batchLabels);
                DiagonalGaussian encoderQ = vae.posterior(LatentModel.inference(batch), x, condition, false);
                PosteriorRefinement.Result result = refinement.refine(x, condition, encoderQ, refineRng);
                double[][] elbos = meanElbos(x, condition, List.of(encoderQ, result.posterior()), elboRng);
                System.arraycopy(elbos[0], 0, amortized, start, end - start);
                System.arraycopy(elbos[1], 0, refined, start, end - start);
                System.arraycopy(logMarginal(x, condition, iwaeRng), 0, logPx, start, end - start);
                for (int t = 0; t < traceSums.length; t++) {
                    traceSums[t] += result.trace()[t] * (end - start);
                }
            }
            progress.accept(end);
        }
        double[] trace = Arrays.stream(traceSums).map(s -> s / n).toArray();
        return new Report(config, n, Estimate.of(amortized), Estimate.of(refined), Estimate.of(logPx),
                Estimate.of(difference(refined, amortized)), Estimate.of(difference(logPx, refined)), trace);
    }

    /**
     * ELBO(x_i; q) for each q given, from the same M draws eps per example, in chunks of draws that
     * each run in their own sub-manager.
     */
    private double[][] meanElbos(NDArray x, NDArray condition, List<DiagonalGaussian> posteriors, Rng rng) {
        int b = Math.toIntExact(x.getShape().get(0));
        long l = posteriors.get(0).mean().getShape().get(1);
        long d = x.getShape().get(1);
        int m = config.draws();
        int chunk = (int) Math.max(1, Math.min(m, FLOATS_PER_CHUNK / (b * d)));
        double[][] sums = new double[posteriors.size()][b];
        for (int done = 0; done < m; done += chunk) {
            int draws = Math.min(chunk, m - done);
            try (NDManager part = x.getManager().newSubManager()) {
                NDArray eps = rng.normal(part, new Shape(draws, b, l));
                ParameterStore ps = LatentModel.inference(part);
                NDArray xs = PosteriorRefinement.view(x, part);
                NDArray cs = PosteriorRefinement.view(condition, part);
                for (int j = 0; j < posteriors.size(); j++) {
                    DiagonalGaussian q = posteriors.get(j);
                    DiagonalGaussian local = new DiagonalGaussian(PosteriorRefinement.view(q.mean(), part),
                            PosteriorRefinement.view(q.logVar(), part));
                    float[] chunkMeans = PosteriorRefinement.elbo(vae, ps, xs, cs, local, eps).toFloatArray();
                    for (int i = 0; i < b; i++) {
                        sums[j][i] += (double) chunkMeans[i] * draws;
                    }
                }
            }
        }
        for (double[] s : sums) {
            for (int i = 0; i < b; i++) {
                s[i] /= m;
            }
        }
        return sums;
    }

    /**
     * L_k(x_i) per example by {@link ImportanceSampling}, in blocks of rows whose decoder outputs per chunk
     * of samples stay near {@link #FLOATS_PER_CHUNK}.
     */
    private double[] logMarginal(NDArray x, NDArray condition, Rng rng) {
        int b = Math.toIntExact(x.getShape().get(0));
        int d = Math.toIntExact(x.getShape().get(1));
        ImportanceSampling estimator = new ImportanceSampling(vae, config.k(),
                MarginalLikelihoodEstimator.DEFAULT_CHUNK);
        int rows = Math.max(1, Math.min(b, FLOATS_PER_CHUNK / (d * estimator.chunk())));
        double[] out = new double[b];
        for (int start = 0; start < b; start += rows) {
            int end = Math.min(b, start + rows);
            try (NDManager block = x.getManager().newSubManager()) {
                NDArray xs = Rows.slice(x, start, end, block);
                NDArray cs = Rows.slice(condition, start, end, block);
                float[] values = estimator.logMarginal(LatentModel.inference(block), xs, cs, rng).toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    out[start + i] = values[i];
                }
            }
        }
        return out;
    }
    private static double[] difference(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
