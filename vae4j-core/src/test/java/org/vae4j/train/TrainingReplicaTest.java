package org.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.data.Dataset;
import org.vae4j.data.ResidentData;
import org.vae4j.dist.Rng;
import org.vae4j.error.SettingException;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.optim.Adam;

/** Replicas: a batch's gradient split into parts adds up to the Trainer's step; states average. */
class TrainingReplicaTest {

    private static final int D = 10;
    private static final ModelConfig CONFIG = new ModelConfig(ModelKind.VAE, 1, D, 3, List.of(8),
            Likelihood.GAUSSIAN_LEARNED, 0.1);
    private static final TrainConfig TRAINING = new TrainConfig(1, 16, 1e-2, 1, 0, false, 5);

    private static float[] data(int n) {
        Rng rng = new Rng(9);
        float[] x = new float[n * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        return x;
    }

    private static float[] rows(float[] x, int[] indices) {
        float[] out = new float[indices.length * D];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(x, indices[i] * D, out, i * D, D);
        }
        return out;
    }

    /**
     * Three steps of one epoch: each batch's rows and noise split into three parts, the parts' summed
     * gradients added and divided once, one Adam step: the parameters equal the Trainer's.
     */
    @Test
    void splitBatchesMatchTheTrainer() {
        int n = 48;
        float[] x = data(n);
        float[] expected;
        try (NDManager manager = NDManager.newBaseManager();
                LatentModel model = LatentModel.create(CONFIG, manager, TRAINING.seed());
                Adam adam = Adam.forVector(model.parameterVector(), TRAINING.learningRate(), manager)) {
            ResidentData train = ResidentData.of(Dataset.tabular("x", x, null, n, D), manager);
            new Trainer(model, adam, TRAINING, List.of()).fit(train, train, 1);
            expected = model.parameterVector().vector().toFloatArray();
        }
        try (TrainingReplica replica = TrainingReplica.create(CONFIG, TRAINING)) {
            int b = TRAINING.batchSize();
            Rng rng = Rng.forStream(TRAINING.seed(), 1);
            int[] order = rng.permutation(n);
            for (int s = 0; s < n / b; s++) {
                int[] batch = Arrays.copyOfRange(order, s * b, (s + 1) * b);
                float[] eps = rng.normals(b * 3);
                BatchGradient total = BatchGradient.zero(replica.parameterCount());
                int[] cuts = {0, 5, 11, b};
                for (int p = 0; p < 3; p++) {
                    int[] part = Arrays.copyOfRange(batch, cuts[p], cuts[p + 1]);
                    total = total.plus(replica.gradientSum(rows(x, part), part.length,
                            Arrays.copyOfRange(eps, cuts[p] * 3, cuts[p + 1] * 3), 1));
                }
                assertEquals(b, total.rows());
                replica.update(total.mean());
            }
            float[] actual = replica.state().parameters();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 3e-8 + 1e-6 * Math.abs(expected[i]), "parameter " + i);
            }
        }
    }

    /** A replica's local steps are the Trainer's; its state moves to another replica whole. */
    @Test
    void localStepsAndStates() {
        int n = 32;
        float[] x = data(n);
        float[] expected;
        try (NDManager manager = NDManager.newBaseManager();
                LatentModel model = LatentModel.create(CONFIG, manager, TRAINING.seed());
                Adam adam = Adam.forVector(model.parameterVector(), TRAINING.learningRate(), manager)) {
            ResidentData train = ResidentData.of(Dataset.tabular("x", x, null, n, D), manager);
            new Trainer(model, adam, TRAINING, List.of()).fit(train, train, 1);
            expected = model.parameterVector().vector().toFloatArray();
        }
        try (TrainingReplica a = TrainingReplica.create(CONFIG, TRAINING);
                TrainingReplica b = TrainingReplica.create(CONFIG, TRAINING)) {
            Rng rng = Rng.forStream(TRAINING.seed(), 1);
            int[] order = rng.permutation(n);
            a.step(rows(x, Arrays.copyOfRange(order, 0, 16)), 16, rng, 1);
            b.restore(a.state());
            b.step(rows(x, Arrays.copyOfRange(order, 16, 32)), 16, rng, 1);
            assertArrayEquals(expected, b.state().parameters(), 1e-6f);
            assertEquals(2, b.state().step());
        }
    }

    @Test
    void averagesWeighByRows() {
        ReplicaState one = new ReplicaState(new float[] {1, 2}, new float[] {0, 4}, new float[] {1, 1}, 3);
        ReplicaState two = new ReplicaState(new float[] {4, 2}, new float[] {3, 0}, new float[] {1, 4}, 5);
        ReplicaState mean = ReplicaState.average(List.of(one, two), new long[] {2, 1});
        assertArrayEquals(new float[] {2, 2}, mean.parameters(), 1e-6f);
        assertArrayEquals(new float[] {1, 8 / 3f}, mean.firstMoment(), 1e-6f);
        assertArrayEquals(new float[] {1, 2}, mean.secondMoment(), 1e-6f);
        assertEquals(5, mean.step());
        assertThrows(SettingException.class, () -> TrainingReplica.requireSplittable(CONFIG,
                new TrainConfig(1, 16, 1e-2, 1, 0, true, 5)));
    }
}
