package org.vae4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vae4j.dist.Rng;
import org.vae4j.infer.Evaluation;
import org.vae4j.infer.Evaluator;
import org.vae4j.model.LatentModel;
import org.vae4j.objective.Objective;
import org.vae4j.optim.Adam;
import org.vae4j.data.ResidentData;
import org.vae4j.dist.RngStreams;
import org.vae4j.host.ProcessMemory;

/**
 * The training loop: shuffled mini-batches sliced from the resident data, the objective's mean loss,
 * backward, Adam. Every step's arrays live in a sub-manager closed at the end of the step. The noise
 * and the order of each epoch come from a stream seeded by (seed, epoch), so a resumed run takes the
 * same path as an uninterrupted one.
 */
public final class Trainer {

    private static final int TEST_BATCH = 500;

    private final LatentModel model;
    private final Adam adam;
    private final TrainConfig config;
    private final List<TrainingListener> listeners;
    private final Objective objective;
    /**
     * Rows per batch of the test pass: 500, or fewer when a decode passes through many values (a conv
     * decoder's feature maps: a conv VAE's resident memory rose 115 MiB in the pass at 500).
     */
    private final int testBatch;

    public Trainer(LatentModel model, Adam adam, TrainConfig config, List<TrainingListener> listeners) {
        this.model = model;
        this.adam = adam;
        this.config = config;
        this.listeners = List.copyOf(listeners);
        this.testBatch = Evaluator.rowsWithin(model.config().decodeFootprint(), 1, TEST_BATCH);
        this.objective = Objective.forTraining(model, config.objective(), config.k(), config.estimator());
    }

    /**
     * Trains epochs {@code firstEpoch}..{@code config.epochs()} on {@code train} ([N, D], values in
     * [0, 1] for a Bernoulli decoder) and evaluates on {@code test} after each.
     *
     * @throws TrainingDivergedException when a step's loss is not finite (before that step's update)
     */
    public List<EpochMetrics> fit(NDArray train, NDArray test, int firstEpoch) {
        return fit(new ResidentData(train, null), new ResidentData(test, null), firstEpoch);
    }

    /**
     * As {@link #fit(NDArray, NDArray, int)}, with the data's labels, which condition a
     * class-conditional model (an unconditional model ignores them).
     */
    public List<EpochMetrics> fit(ResidentData train, ResidentData test, int firstEpoch) {
        List<EpochMetrics> history = new ArrayList<>();
        for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
            EpochMetrics finished = epoch(epoch, train, test);
            history.add(finished);
            if (!listeners.stream().allMatch(l -> l.proceed(finished))) {
                break;
            }
        }
        return history;
    }

    private EpochMetrics epoch(int epoch, ResidentData train, ResidentData test) {
        int n = train.size();
        int steps = (n + config.batchSize() - 1) / config.batchSize();
        Rng rng = Rng.forStream(config.seed(), epoch);
        int[] order = rng.permutation(n);
        listeners.forEach(l -> l.onEpochStart(epoch, steps));
        double lossSum = 0;
        double reconSum = 0;
        double klSum = 0;
        double[] layerKlSums = null;
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            int[] rows = Arrays.copyOfRange(order, s * config.batchSize(), Math.min(n, (s + 1) * config.batchSize()));
            double klWeight = config.klWeight(epoch - 1 + (double) s / steps);
            double[] sums = step(train, rows, klWeight, rng, epoch, s + 1);
            reconSum += sums[0];
            klSum += sums[1];
            lossSum += sums[0] + sums[1];
            if (layerKlSums == null) {
                layerKlSums = new double[sums.length - 2];
            }
            for (int l = 0; l < layerKlSums.length; l++) {
                layerKlSums[l] += sums[2 + l];
            }
            double stepLoss = (sums[0] + sums[1]) / rows.length;
            int stepNumber = s + 1;
            listeners.forEach(l -> l.onStep(epoch, stepNumber, stepLoss));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation testEval = new Evaluator(model, testBatch).elbo(test,
                Rng.forStream(config.seed(), RngStreams.EPOCH_TEST_PASS));
        double[] trainLayerKl = layerKlSums == null ? new double[0] : layerKlSums;
        for (int l = 0; l < trainLayerKl.length; l++) {
            trainLayerKl[l] /= n;
        }
        EpochMetrics metrics = new EpochMetrics(epoch, seconds, lossSum / n, reconSum / n, klSum / n,
                testEval.negElbo(), testEval.recon(), testEval.kl(), config.klWeight(epoch),
                ProcessMemory.residentMiB(), trainLayerKl, testEval.layerKl());
        listeners.forEach(l -> l.onEpochEnd(metrics));
        return metrics;
    }

    /**
     * One optimizer step on the given rows; returns the sums over the batch of recon and KL, then of each
     * layer's KL when the model has more than one stochastic layer.
     */
    private double[] step(ResidentData train, int[] rows, double klWeight, Rng rng, int epoch, int stepNumber) {
        try (NDManager step = train.manager().newSubManager()) {
            NDArray x = train.gather(rows, step);
            NDArray condition = model.condition(step, labelsOf(train, rows));
            if (config.binarize()) {
                x = rng.uniform(step, x.getShape()).lt(x).toType(DataType.FLOAT32, false);
            }
            BatchLoss batch = BatchLoss.of(objective, model.parameters(), step, x, condition, rng, klWeight,
                    config.freeBits());
            if (!batch.finite()) {
                throw new TrainingDivergedException("training diverged: the loss became " + batch.loss() + " at epoch "
                        + epoch + ", step " + stepNumber);
            }
            adam.update(batch.gradients());
            return batch.sums();
        }
    }

    private static int[] labelsOf(ResidentData data, int[] rows) {
        if (data.labels() == null) {
            return null;
        }
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = data.labels()[rows[i]];
        }
        return labels;
    }
}
