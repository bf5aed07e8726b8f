package org.vae4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.Scores;
import org.vae4j.api.Scoring;
import org.vae4j.api.TrainedModel;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.ModelKind;
import org.vae4j.train.TrainConfig;

/**
 * A real standalone cluster (bin/spark-cluster: a master and two workers, executors in their own JVMs):
 * 10,000 rows scored equal the library's numbers, and one epoch of training runs on both workers. It fails, never skips, when the cluster will not start.
 */
class StandaloneClusterTest {

    private static final int N = 10_000;

    @TempDir
    Path tmp;

    @Test
    void scoresOnTwoWorkers() throws Exception {
        Path modelDir = TestModels.tinyVae(tmp.resolve("model"));
        float[] x = TestModels.uniform(N, 11);
        Scores expected;
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            expected = model.scoreRows(org.vae4j.data.Dataset.tabular("x", x, null, N, TestModels.DIM),
                    new Scoring(20, 1, n -> { }));
        }
        LocalSpark.stop();
        List<Long> pids;
        try (StandaloneCluster cluster = StandaloneCluster.start(tmp)) {
            pids = cluster.pids();
            assertEquals(3, pids.size());
            SparkSession spark = ClusterSessions.builder(cluster.url(), "vae4j-cluster-test").getOrCreate();
            try {
                // the driver and one executor per worker, registered before the first job (a job may
                // otherwise finish on the first executor while the second is still starting)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (spark.sparkContext().statusTracker().getExecutorInfos().length < 3
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertEquals(3, spark.sparkContext().statusTracker().getExecutorInfos().length,
                        "two executors registered within 120 s");
                List<Row> rows = new ArrayList<>(N);
                for (int i = 0; i < N; i++) {
                    Float[] v = new Float[TestModels.DIM];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = x[i * TestModels.DIM + j];
                    }
                    rows.add(RowFactory.create((long) i, v));
                }
                StructType schema = new StructType().add("id", DataTypes.LongType)
                        .add("features", DataTypes.createArrayType(DataTypes.FloatType));
                Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(4);
                List<Row> scored = new VaeModel().setModelPath(modelDir.toString()).setK(20).transform(data)
                        .select("id", "nll", "elbo").collectAsList();
                assertEquals(N, scored.size());
                // the driver and two executors, one per worker
                assertEquals(3, spark.sparkContext().statusTracker().getExecutorInfos().length, "two executors");

                // one epoch of training, replicas on both workers averaged every 20 steps
                Path run = tmp.resolve("run");
                VaeEstimator estimator = new VaeEstimator().setModelConfig(new ModelConfig(ModelKind.VAE, 1,
                        TestModels.DIM, 3, List.of(16), Likelihood.GAUSSIAN_LEARNED, 0.1))
                        .setTrainConfig(new TrainConfig(1, 100, 1e-3, 1, 0, false, 3)).setRunPath(run.toString())
                        .setMode("average").setEvery(20);
                VaeModel trained = estimator.fit(data);
                assertEquals(1, estimator.history().size());
                assertTrue(Double.isFinite(estimator.history().get(0).trainLoss()));
                assertEquals(N, trained.setK(5).transform(data).count());
                for (Row row : scored) {
                    int i = (int) row.getLong(0);
                    assertEquals(expected.nll()[i], row.getDouble(1), 1e-4, "nll of row " + i);
                    assertEquals(-expected.negElbo(i), row.getDouble(2), 1e-4);
                }
            } finally {
                spark.stop();
            }
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " stopped");
        }
    }
}
