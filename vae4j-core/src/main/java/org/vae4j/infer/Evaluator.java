package org.vae4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.vae4j.dist.Rng;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Vae;
import org.vae4j.objective.Objective;
import org.vae4j.objective.Terms;

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
        return elbo(data, null, rng);
    }

    /**
     * Mean reconstruction and KL terms of the ELBO (one draw of z per example); {@code labels} condition
     * a class-conditional model (null otherwise).
     */
    public Evaluation elbo(NDArray data, int[] labels, Rng rng) {
        Objective objective = Objective.of(model);
        int n = Math.toIntExact(data.getShape().get(0));
        double reconSum = 0;
        double klSum = 0;
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            try (NDManager batch = data.getManager().newSubManager()) {
                NDArray x = Scoped.rows(data, start, end, batch);
                ParameterStore ps = LatentModel.inference(batch);
                NDArray condition = model.condition(batch, slice(labels, start, end));
                Terms terms = objective.terms(ps, x, condition, rng, false);
                reconSum += terms.recon().sum().toFloatArray()[0];
                if (terms.kl() != null) {
                    klSum += terms.kl().sum().toFloatArray()[0];
                }
            }
        }
        return new Evaluation(n, reconSum / n, klSum / n);
    }

    /**
     * The IWAE estimate of the mean -log p(x) with k importance samples per example, and its standard
     * error over examples. {@code progress} receives the number of examples done after each batch.
     */
    public LikelihoodEstimate iwae(NDArray data, int k, Rng rng, IntConsumer progress) {
        return iwae(data, null, k, rng, progress);
    }

    /** As {@link #iwae(NDArray, int, Rng, IntConsumer)}, with labels for a class-conditional model. */
    public LikelihoodEstimate iwae(NDArray data, int[] labels, int k, Rng rng, IntConsumer progress) {
        if (!(model instanceof Vae vae)) {
            throw new IllegalArgumentException("log p(x) needs a VAE; an auto-encoder has no likelihood");
        }
        return likelihood(data, labels, MarginalLikelihoodEstimator.Kind.IMPORTANCE.create(vae, k), rng, progress);
    }

    /**
     * The mean -log p(x) over the examples as {@code estimator} estimates it per example, and its
     * standard error over examples: nll = -(1/n) sum_i log p^(x_i), stdErr = sd_i(log p^(x_i)) / sqrt(n).
     * {@code labels} condition a class-conditional model (null otherwise); {@code progress} receives the
     * number of examples done after each batch.
     */
    public LikelihoodEstimate likelihood(NDArray data, int[] labels, MarginalLikelihoodEstimator estimator, Rng rng,
            IntConsumer progress) {
        int n = Math.toIntExact(data.getShape().get(0));
        int d = Math.toIntExact(data.getShape().get(1));
        // decoder outputs of one chunk, chunk x rows x D, stay near 4 M floats (16 MB) for any M
        int rows = Math.max(1, Math.min(batchSize, (1 << 22) / (d * estimator.chunk())));
        double sum = 0;
        double sumSq = 0;
        for (int start = 0; start < n; start += rows) {
            int end = Math.min(n, start + rows);
            try (NDManager batch = data.getManager().newSubManager()) {
                NDArray x = Scoped.rows(data, start, end, batch);
                NDArray condition = model.condition(batch, slice(labels, start, end));
                float[] logPx = estimator.logMarginal(LatentModel.inference(batch), x, condition, rng).toFloatArray();
                for (float v : logPx) {
                    sum += -v;
                    sumSq += (double) v * v;
                }
            }
            progress.accept(end);
        }
        double mean = sum / n;
        double variance = n > 1 ? (sumSq - n * mean * mean) / (n - 1) : 0;
        return new LikelihoodEstimate(n, estimator.samples(), mean, Math.sqrt(Math.max(variance, 0) / n), d);
    }

    /**
     * The reconstruction mean squared error per dimension of the decoder means,
     * mse = sum_i |x_i - E[x | z = code(x_i, y_i), y_i]|^2 / (n D); {@code labels} condition a
     * class-conditional model (null otherwise).
     */
    public double meanSquaredError(NDArray data, int[] labels) {
        int n = Math.toIntExact(data.getShape().get(0));
        double squaredError = 0;
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            try (NDManager batch = data.getManager().newSubManager()) {
                NDArray x = Scoped.rows(data, start, end, batch);
                ParameterStore ps = LatentModel.inference(batch);
                NDArray condition = model.condition(batch, slice(labels, start, end));
                NDArray means = model.decode(ps, model.code(ps, x, condition), condition, false).mean();
                squaredError += x.sub(means).square().toType(DataType.FLOAT64, false).sum().toDoubleArray()[0];
            }
        }
        return squaredError / ((double) n * data.getShape().get(1));
    }

    private static int[] slice(int[] labels, int start, int end) {
        return labels == null ? null : Arrays.copyOfRange(labels, start, end);
    }
}
