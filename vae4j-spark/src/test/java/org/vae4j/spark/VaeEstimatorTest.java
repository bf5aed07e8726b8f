package org.vae4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.ResidentData;
import org.vae4j.io.ModelStore;
import org.vae4j.model.LatentModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.optim.Adam;
import org.vae4j.train.TrainConfig;
import org.vae4j.train.Trainer;

/** VaeEstimator on local[2]: sync equals single-machine training, runs resume, averaging trains. */
class VaeEstimatorTest {

    private static final ModelConfig CONFIG = new ModelConfig(ModelKind.VAE, 1, TestModels.DIM, 3, List.of(16),
            Likelihood.GAUSSIAN_LEARNED, 0.1);
    /** 320 rows in batches of 16: 20 steps an epoch. */
    private static final int N = 320;
    private static final TrainConfig TRAINING = new TrainConfig(1, 16, 3e-3, 1, 0, false, 21);

    @TempDir
    Path tmp;

    static Dataset<Row> frame(float[] x, int n, int partitions) {
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Float[] v = new Float[TestModels.DIM];
            for (int j = 0; j < v.length; j++) {
                v[j] = x[i * TestModels.DIM + j];
            }
            rows.add(RowFactory.create((Object) v));
        }
        SparkSession spark = LocalSpark.session();
        StructType schema = new StructType().add("features", DataTypes.createArrayType(DataTypes.FloatType));
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions),
                schema);
    }

    private static float[] singleMachine(float[] x, int n, TrainConfig training) {
        try (NDManager manager = NDManager.newBaseManager();
                LatentModel model = LatentModel.create(CONFIG, manager, training.seed());
                Adam adam = Adam.forVector(model.parameterVector(), training.learningRate(), manager)) {
            ResidentData data = ResidentData.of(org.vae4j.data.Dataset.tabular("x", x, null, n, TestModels.DIM), manager);
            new Trainer(model, adam, training, List.of()).fit(data, data, 1);
            return model.parameterVector().vector().toFloatArray();
        }
    }

    private static float[] saved(Path run) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return ModelStore.load(run, manager).model().parameterVector().vector().toFloatArray();
        }
    }

    private static void assertClose(float[] expected, float[] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1e-2, Math.abs(expected[i])));
        }
        assertTrue(worst < 1e-4, "largest relative difference " + worst);
    }

    /** 20 steps of exact synchronous SGD on 2 and 3 partitions: the single-machine Trainer's parameters. */
    @Test
    void syncEqualsSingleMachineTraining() {
        float[] x = TestModels.uniform(N, 4);
        float[] expected = singleMachine(x, N, TRAINING);
        for (int partitions = 2; partitions <= 3; partitions++) {
            Path run = tmp.resolve("sync" + partitions);
            VaeModel model = new VaeEstimator().setModelConfig(CONFIG).setTrainConfig(TRAINING)
                    .setRunPath(run.toString()).setMode("sync").fit(frame(x, N, partitions));
            assertClose(expected, saved(run));
            assertTrue(Files.exists(run.resolve("metrics.jsonl")));
            assertEquals(ModelStore.resolve(run).toAbsolutePath(), ModelStore.resolve(Path.of(model.getOrDefault(model.modelPath()))));
        }
    }

    /** A run stopped after epoch 1 and resumed to epoch 2 ends where an unbroken 2-epoch run does. */
    @Test
    void resumesFromItsCheckpoint() {
        float[] x = TestModels.uniform(N / 2, 6);
        Dataset<Row> data = frame(x, N / 2, 2);
        TrainConfig two = TRAINING.withEpochs(2);
        Path whole = tmp.resolve("whole");
        new VaeEstimator().setModelConfig(CONFIG).setTrainConfig(two).setRunPath(whole.toString()).fit(data);
        Path broken = tmp.resolve("broken");
        new VaeEstimator().setModelConfig(CONFIG).setTrainConfig(TRAINING).setRunPath(broken.toString()).fit(data);
        VaeEstimator resumed = new VaeEstimator().setTrainConfig(two).setRunPath(broken.toString()).setResume(true);
        resumed.fit(data);
        assertEquals(2, resumed.history().size());
        assertClose(saved(whole), saved(broken));
        String again = assertThrows(RuntimeException.class, () -> new VaeEstimator().setModelConfig(CONFIG)
                .setTrainConfig(TRAINING).setRunPath(broken.toString()).fit(data)).getMessage();
        assertTrue(again.contains("already holds a run"), again);
    }

    /** Averaging every 5 local steps on 2 partitions: the loss falls as single-machine training's does. */
    @Test
    void averagingTrains() {
        float[] x = TestModels.uniform(N, 8);
        TrainConfig three = TRAINING.withEpochs(3);
        VaeEstimator estimator = new VaeEstimator().setModelConfig(CONFIG).setTrainConfig(three)
                .setRunPath(tmp.resolve("average").toString()).setMode("average").setEvery(5);
        estimator.fit(frame(x, N, 2));
        List<Double> losses = estimator.history().stream().map(m -> m.trainLoss()).toList();
        assertEquals(3, losses.size());
        assertTrue(losses.get(2) < losses.get(0), "losses " + losses);
    }
}
