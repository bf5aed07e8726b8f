package org.vae4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.vae4j.data.Rows;
import org.vae4j.dist.Rng;
import org.vae4j.dist.RngStreams;
import org.vae4j.infer.Evaluation;
import org.vae4j.infer.Evaluator;
import org.vae4j.model.ModelConfig;
import org.vae4j.train.BatchGradient;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.ReplicaState;
import org.vae4j.train.TrainConfig;
import org.vae4j.train.TrainingReplica;

/**
 * The driver's side of data-parallel training: the master replica, and one epoch at a time in either
 * {@link Mode}. The data never leaves the executors: only parameters (and, in sync mode, a batch's row
 * indices and noise) go out, only gradients or replica states come back.
 */
final class DistributedTraining {

    private final JavaSparkContext sc;
    private final JavaRDD<Shard> shards;
    private final long[] shardSizes;
    private final int n;
    private final ModelConfig modelConfig;
    private final TrainConfig training;
    private final TrainingReplica master;
    private final Mode mode;
    private final int every;
    private final org.vae4j.data.Dataset test;

    DistributedTraining(JavaSparkContext sc, JavaRDD<Shard> shards, ModelConfig modelConfig, TrainConfig training,
            TrainingReplica master, Mode mode, int every, org.vae4j.data.Dataset test) {
        this.sc = sc;
        this.shards = shards;
        this.shardSizes = shards.map(s -> (long) s.n()).collect().stream().mapToLong(Long::longValue).toArray();
        this.n = Math.toIntExact(Arrays.stream(shardSizes).sum());
        this.modelConfig = modelConfig;
        this.training = training;
        this.master = master;
        this.mode = mode;
        this.every = every;
        this.test = test;
        if (mode == Mode.SYNC) {
            TrainingReplica.requireSplittable(modelConfig, training);
        }
    }

    int rows() {
        return n;
    }

    /** Trains one epoch; the master replica then holds the result. */
    EpochMetrics epoch(int epoch, Consumer<String> progress) {
        long start = System.nanoTime();
        double[] sums = mode == Mode.SYNC ? syncEpoch(epoch, progress) : averageEpoch(epoch, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation testEval = test == null ? new Evaluation(0, Double.NaN, Double.NaN)
                : new Evaluator(master.model(), org.vae4j.api.TrainedModel.BATCH).elbo(Rows.of(test),
                        Rng.forStream(training.seed(), RngStreams.EPOCH_TEST_PASS));
        return new EpochMetrics(epoch, seconds, (sums[0] + sums[1]) / n, sums[0] / n, sums[1] / n,
                testEval.negElbo(), testEval.recon(), testEval.kl(), training.klWeight(epoch), Double.NaN);
    }

    /**
     * The single-machine Trainer's epoch: its permutation and noise drawn here from stream (seed, epoch), each
     * global batch's rows and noise sent to the partitions, their summed gradients added in partition order,
     * divided once by the batch's size, one Adam step.
     */
    private double[] syncEpoch(int epoch, Consumer<String> progress) {
        int b = training.batchSize();
        int steps = (n + b - 1) / b;
        int latent = modelConfig.latentDim();
        Rng rng = Rng.forStream(training.seed(), epoch);
        int[] order = rng.permutation(n);
        double recon = 0;
        double kl = 0;
        ModelConfig config = modelConfig;
        TrainConfig settings = training;
        for (int s = 0; s < steps; s++) {
            int[] batch = Arrays.copyOfRange(order, s * b, Math.min(n, (s + 1) * b));
            float[] eps = rng.normals(batch.length * latent);
            double klWeight = training.klWeight(epoch - 1 + (double) s / steps);
            Broadcast<float[]> parameters = sc.broadcast(master.state().parameters());
            List<BatchGradient> parts = shards.map(shard -> {
                int[] positions = shard.positionsIn(batch);
                if (positions.length == 0) {
                    return new BatchGradient(new float[0], 0, 0, 0);
                }
                float[] mine = new float[positions.length * latent];
                for (int j = 0; j < positions.length; j++) {
                    System.arraycopy(eps, positions[j] * latent, mine, j * latent, latent);
                }
                TrainingReplica replica = ReplicaCache.get(shard.partition(), config, settings);
                replica.setParameters(parameters.value());
                return replica.gradientSum(shard.rows(batch, positions), positions.length, mine, klWeight);
            }).collect();
            parameters.destroy();
            BatchGradient total = BatchGradient.zero(master.parameterCount());
            for (BatchGradient part : parts) {
                if (part.rows() > 0) {
                    total = total.plus(part);
                }
            }
            if (!Double.isFinite(total.reconSum() + total.klSum())) {
                throw new org.vae4j.train.TrainingDivergedException("training diverged: the loss became "
                        + (total.reconSum() + total.klSum()) / batch.length + " at epoch " + epoch + ", step " + (s + 1));
            }
            master.update(total.mean());
            recon += total.reconSum();
            kl += total.klSum();
            progress.accept("epoch " + epoch + " step " + (s + 1) + "/" + steps);
        }
        return new double[] {recon, kl};
    }

    /**
     * Each partition's replica passes once over its rows, in a permutation and with noise of its own stream;
     * every H local steps the replicas' states are averaged, weighted by the rows each trained on.
     */
    private double[] averageEpoch(int epoch, Consumer<String> progress) {
        // the global batch B is split over the P replicas, as in sync: each local step takes B/P rows, so an
        // epoch is as many steps per replica as one machine takes, and a round of H steps sees H*B rows in all
        int b = Math.max(1, training.batchSize() / shardSizes.length);
        long maxSteps = 0;
        for (long size : shardSizes) {
            maxSteps = Math.max(maxSteps, (size + b - 1) / b);
        }
        int rounds = (int) ((maxSteps + every - 1) / every);
        double recon = 0;
        double kl = 0;
        ModelConfig config = modelConfig;
        TrainConfig settings = training;
        int h = every;
        for (int round = 0; round < rounds; round++) {
            Broadcast<ReplicaState> state = sc.broadcast(master.state());
            int r = round;
            List<RoundResult> results = shards.map(shard -> {
                int steps = (shard.n() + b - 1) / b;
                int from = r * h;
                int to = Math.min(steps, from + h);
                if (from >= to) {
                    return new RoundResult(null, 0, 0, 0);
                }
                long shardSeed = settings.seed() ^ (0x9E3779B97F4A7C15L * (shard.partition() + 1));
                int[] order = Rng.forStream(shardSeed, epoch).permutation(shard.n());
                TrainingReplica replica = ReplicaCache.get(shard.partition(), config, settings);
                replica.restore(state.value());
                double reconSum = 0;
                double klSum = 0;
                long rows = 0;
                for (int s = from; s < to; s++) {
                    int[] local = Arrays.copyOfRange(order, s * b, Math.min(shard.n(), (s + 1) * b));
                    Rng noise = Rng.forStream(shardSeed, ((long) epoch << 32) + s + 1);
                    double[] sums = replica.step(shard.localRows(local), local.length, noise,
                            settings.klWeight(epoch - 1 + (double) s / steps));
                    reconSum += sums[0];
                    klSum += sums[1];
                    rows += local.length;
                }
                return new RoundResult(replica.state(), rows, reconSum, klSum);
            }).collect();
            state.destroy();
            List<ReplicaState> states = new ArrayList<>();
            List<Long> weights = new ArrayList<>();
            for (RoundResult result : results) {
                if (result.rows() > 0) {
                    states.add(result.state());
                    weights.add(result.rows());
                    recon += result.recon();
                    kl += result.kl();
                }
            }
            master.restore(ReplicaState.average(states, weights.stream().mapToLong(Long::longValue).toArray()));
            progress.accept("epoch " + epoch + " round " + (round + 1) + "/" + rounds);
        }
        return new double[] {recon, kl};
    }

    /** What a partition sends back after a round of local steps. */
    record RoundResult(ReplicaState state, long rows, double recon, double kl) implements java.io.Serializable {
    }
}
