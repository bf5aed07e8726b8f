package org.vae4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.function.IntConsumer;
import org.vae4j.dist.Rng;
import org.vae4j.model.LatentModel;
import org.vae4j.objective.Objective;
import org.vae4j.objective.Terms;
import org.vae4j.dist.Ops;
import org.vae4j.data.Rows;
import org.vae4j.data.ResidentData;
import org.vae4j.model.VariationalModel;

/**
 * Evaluates a trained model on data held as one array [N, D]. Each batch runs in its own
 * sub-manager, so memory does not grow with N or k. Noise comes from the given seeded {@link Rng}:
 * the same seed gives the same numbers.
 */
public final class Evaluator {

    private final LatentModel model;
    private final int batchSize;

    public Evaluator(LatentModel model, int batchSize) {
        this.model = model;
        this.batchSize = batchSize;
    }

    /** Mean reconstruction and KL terms of the ELBO (one draw of z per example), unconditional model. */
    public Evaluation elbo(NDArray data, Rng rng) {
        return elbo(new ResidentData(data, null), rng);
    }

    /**
     * Mean reconstruction and KL terms of the ELBO (one draw of z per example); the rows' labels condition
     * a class-conditional model.
     */
    public Evaluation elbo(Rows data, Rng rng) {
        return elboTerms(data, rng).means();
    }

    /**
     * The ELBO's terms of every example, one draw of z each, batch after batch from {@code rng}: recon_i
     * = -log p(x_i|z_i), kl_i = KL(q(z|x_i) || p(z)) (0 for an auto-encoder).
     */
    public ElboTerms elboTerms(Rows data, Rng rng) {
        Objective objective = Objective.of(model);
        int n = data.size();
        float[] recon = new float[n];
        float[] kl = new float[n];
        int layers = model instanceof VariationalModel variational ? variational.layers() : 0;
        float[][] layerKl = new float[layers > 1 ? layers : 0][n];
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            try (NDManager batch = model.manager().newSubManager()) {
                NDArray x = data.rows(start, end, batch);
                ParameterStore ps = LatentModel.inference(batch);
                NDArray condition = model.condition(batch, data.labels(start, end));
                Terms terms = objective.terms(ps, x, condition, rng, false);
                System.arraycopy(terms.recon().toFloatArray(), 0, recon, start, end - start);
                if (terms.kl() != null) {
                    System.arraycopy(terms.kl().toFloatArray(), 0, kl, start, end - start);
                }
                for (int l = 0; l < layerKl.length; l++) {
                    System.arraycopy(terms.layerKl().get(l).toFloatArray(), 0, layerKl[l], start, end - start);
                }
            }
        }
        return new ElboTerms(recon, kl, layerKl);
    }

    /**
     * The IWAE estimate of the mean -log p(x) with k importance samples per example, and its standard
     * error over examples. {@code progress} receives the number of examples done after each batch.
     */
    public LikelihoodEstimate iwae(NDArray data, int k, Rng rng, IntConsumer progress) {
        return iwae(new ResidentData(data, null), k, rng, progress);
    }

    /** As {@link #iwae(NDArray, int, Rng, IntConsumer)}; the rows' labels condition a class-conditional model. */
    public LikelihoodEstimate iwae(Rows data, int k, Rng rng, IntConsumer progress) {
        if (!(model instanceof VariationalModel variational)) {
            throw new IllegalArgumentException("log p(x) needs a VAE; an auto-encoder has no likelihood");
        }
        return likelihood(data, MarginalLikelihoodEstimator.Kind.IMPORTANCE.create(variational, k), rng, progress);
    }

    /**
     * The mean -log p(x) over the examples as {@code estimator} estimates it per example, and its
     * standard error over examples: nll = -(1/n) sum_i log p^(x_i), stdErr = sd_i(log p^(x_i)) / sqrt(n).
     * the rows' labels condition a class-conditional model; {@code progress} receives the
     * number of examples done after each batch.
     */
    public LikelihoodEstimate likelihood(Rows data, MarginalLikelihoodEstimator estimator, Rng rng,
            IntConsumer progress) {
        float[] logPx = logMarginals(data, estimator, rng, progress);
        return LikelihoodEstimate.of(logPx, estimator.samples(), data.dim());
    }

    /**
     * log p^(x_i) of every example as {@code estimator} estimates it, in nats; the rows' labels condition a
     * class-conditional model; {@code progress} receives the number of examples done
     * after each batch.
     */
    public float[] logMarginals(Rows data, MarginalLikelihoodEstimator estimator, Rng rng, IntConsumer progress) {
        int n = data.size();
        int d = data.dim();
        int rows = rowsPerChunk(Math.max(d, model.config().decodeFootprint()), estimator.chunk());
        float[] logPx = new float[n];
        for (int start = 0; start < n; start += rows) {
            int end = Math.min(n, start + rows);
            try (NDManager batch = model.manager().newSubManager()) {
                NDArray x = data.rows(start, end, batch);
                NDArray condition = model.condition(batch, data.labels(start, end));
                float[] values = estimator.logMarginal(LatentModel.inference(batch), x, condition, rng).toFloatArray();
                System.arraycopy(values, 0, logPx, start, values.length);
            }
            progress.accept(end);
        }
        return logPx;
    }

    /** {@link #rowsWithin} with this evaluator's batch size as the cap. */
    int rowsPerChunk(long footprint, int chunk) {
        return rowsWithin(footprint, chunk, batchSize);
    }

    /**
     * How many examples to pass at once, at most {@code cap}: the values one chunk of decodes passes through,
     * chunk x rows x {@code footprint} ({@link org.vae4j.model.ModelConfig#decodeFootprint}), stay near 4 M floats (16 MB) for
     * any number of samples M, any model.
     */
    public static int rowsWithin(long footprint, int chunk, int cap) {
        return (int) Math.max(1, Math.min(cap, (1L << 22) / (footprint * chunk)));
    }

    /**
     * The reconstruction mean squared error per dimension of the decoder means,
     * mse = sum_i |x_i - E[x | z = code(x_i, y_i), y_i]|^2 / (n D); the rows' labels condition a
     * class-conditional model.
     */
    public double meanSquaredError(Rows data) {
        double squaredError = 0;
        for (float e : squaredErrors(data)) {
            squaredError += e;
        }
        return squaredError / ((double) data.size() * data.dim());
    }

    /**
     * The squared reconstruction error of every example, |x_i - E[x | z = code(x_i, y_i), y_i]|^2, summed
     * over its D values.
     */
    public float[] squaredErrors(Rows data) {
        int n = data.size();
        float[] errors = new float[n];
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            try (NDManager batch = model.manager().newSubManager()) {
                NDArray x = data.rows(start, end, batch);
                ParameterStore ps = LatentModel.inference(batch);
                NDArray condition = model.condition(batch, data.labels(start, end));
                NDArray means = model.decode(ps, model.code(ps, x, condition), condition, false).mean();
                float[] rowErrors = Ops.sumLast(x.sub(means).square()).toFloatArray();
                System.arraycopy(rowErrors, 0, errors, start, end - start);
            }
        }
        return errors;
    }

}
