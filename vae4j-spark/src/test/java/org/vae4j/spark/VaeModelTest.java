package org.vae4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.Scores;
import org.vae4j.api.Scoring;
import org.vae4j.api.TrainedModel;

/** VaeModel on local[2]: the library's numbers on any partitioning, Pipelines, and bad input on the driver. */
class VaeModelTest {

    private static final int N = 240;
    private static final int K = 40;

    @TempDir
    static Path tmp;
    private static Path modelDir;
    private static float[] x;
    private static Scores expected;
    private static float[] expectedMean;

    @BeforeAll
    static void setUp() {
        modelDir = TestModels.tinyVae(tmp.resolve("model"));
        x = TestModels.uniform(N, 3);
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            org.vae4j.data.Dataset data = org.vae4j.data.Dataset.tabular("x", x, null, N, TestModels.DIM);
            expected = model.scoreRows(data, new Scoring(K, 1, n -> { }));
            expectedMean = model.encode(data).mean();
        }
    }

    private static Dataset<Row> frame(DataType type, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            float[] v = Arrays.copyOfRange(x, i * TestModels.DIM, (i + 1) * TestModels.DIM);
            Object value;
            if (type.equals(SQLDataTypes.VectorType())) {
                double[] d = new double[v.length];
                for (int j = 0; j < v.length; j++) {
                    d[j] = v[j];
                }
                value = Vectors.dense(d);
            } else if (type.equals(DataTypes.createArrayType(DataTypes.DoubleType))) {
                Double[] d = new Double[v.length];
                for (int j = 0; j < v.length; j++) {
                    d[j] = (double) v[j];
                }
                value = d;
            } else {
                Float[] f = new Float[v.length];
                for (int j = 0; j < v.length; j++) {
                    f[j] = v[j];
                }
                value = f;
            }
            rows.add(RowFactory.create((long) i, value));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("features", type);
        return LocalSpark.session().createDataFrame(rows, schema).repartition(partitions);
    }

    private static VaeModel transformer() {
        return new VaeModel().setModelPath(modelDir.toString()).setK(K).setBatchSize(50);
    }

    private static void assertLibraryScores(Dataset<Row> scored) {
        List<Row> rows = scored.collectAsList();
        assertEquals(N, rows.size());
        for (Row row : rows) {
            int i = (int) row.getLong(0);
            assertEquals(-expected.negElbo(i), row.getDouble(row.fieldIndex("elbo")), 1e-4, "elbo of row " + i);
            assertEquals(expected.nll()[i], row.getDouble(row.fieldIndex("nll")), 1e-4, "nll of row " + i);
            assertEquals(expected.squaredError()[i], row.getDouble(row.fieldIndex("recon_error")), 1e-4);
            List<Float> mean = row.getList(row.fieldIndex("z_mean"));
            for (int j = 0; j < 3; j++) {
                assertEquals(expectedMean[i * 3 + j], mean.get(j), 1e-5);
            }
            assertEquals(3, row.getList(row.fieldIndex("z_logvar")).size());
        }
    }

    @Test
    void scoresEqualTheLibraryOnOneTwoAndThreePartitions() {
        for (int partitions = 1; partitions <= 3; partitions++) {
            assertLibraryScores(transformer().transform(frame(DataTypes.createArrayType(DataTypes.FloatType), partitions)));
        }
    }

    @Test
    void takesDoublesAndVectors() {
        assertLibraryScores(transformer().transform(frame(DataTypes.createArrayType(DataTypes.DoubleType), 2)));
        assertLibraryScores(transformer().transform(frame(SQLDataTypes.VectorType(), 3)));
    }

    @Test
    void savesAndLoadsAloneAndInAPipeline() throws Exception {
        VaeModel model = transformer().setOutputPrefix("vae_");
        String alone = tmp.resolve("alone").toString();
        model.write().overwrite().save(alone);
        VaeModel loaded = VaeModel.load(alone);
        assertEquals(model.uid(), loaded.uid());
        assertEquals(K, (int) loaded.getOrDefault(loaded.k()));
        assertEquals("vae_", loaded.getOrDefault(loaded.outputPrefix()));

        Dataset<Row> data = frame(SQLDataTypes.VectorType(), 2);
        PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {transformer()}).fit(data);
        String path = tmp.resolve("pipeline").toString();
        pipeline.write().overwrite().save(path);
        PipelineModel back = PipelineModel.load(path);
        assertTrue(back.stages()[0] instanceof VaeModel);
        assertLibraryScores(back.transform(data));
    }

    @Test
    void aKeyColumnKeysTheNoise() {
        Dataset<Row> data = frame(DataTypes.createArrayType(DataTypes.FloatType), 2);
        List<Row> keyed = transformer().setKeyCol("id").transform(data).orderBy("id").collectAsList();
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            long[] keys = new long[N];
            Arrays.setAll(keys, i -> i);
            Scores byId = model.scoreRows(org.vae4j.data.Dataset.tabular("x", x, null, N, TestModels.DIM), keys,
                    new Scoring(K, 1, n -> { }));
            for (int i = 0; i < N; i++) {
                assertEquals(byId.nll()[i], keyed.get(i).getDouble(keyed.get(i).fieldIndex("nll")), 1e-4);
            }
        }
    }

    @Test
    void badInputFailsOnTheDriverWithOneLineNamingTheColumn() {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> good = frame(DataTypes.createArrayType(DataTypes.FloatType), 2);
        String missing = assertThrows(IllegalArgumentException.class,
                () -> transformer().setInputCol("pixels").transform(good)).getMessage();
        assertTrue(missing.startsWith("column pixels (the input column) is not in the data"), missing);
        String type = assertThrows(IllegalArgumentException.class,
                () -> transformer().setInputCol("id").transform(good)).getMessage();
        assertEquals("column id is bigint; expected array<float>, array<double> or vector", type);
        StructType schema = new StructType().add("features", DataTypes.createArrayType(DataTypes.FloatType));
        Float[] ok = new Float[TestModels.DIM];
        Arrays.fill(ok, 0.5f);
        Float[] nan = ok.clone();
        nan[4] = Float.NaN;
        List<Row> rows = List.of(RowFactory.create((Object) ok), RowFactory.create((Object) new Float[] {1f, 2f}),
                RowFactory.create((Object) null), RowFactory.create((Object) nan));
        String nulls = assertThrows(IllegalArgumentException.class,
                () -> transformer().transform(spark.createDataFrame(rows, schema))).getMessage();
        assertEquals("column features: 1 of 4 rows are null", nulls);
        String length = assertThrows(IllegalArgumentException.class,
                () -> transformer().transform(spark.createDataFrame(rows.subList(0, 2), schema))).getMessage();
        assertEquals("column features: 1 of 2 rows do not have the model's 12 values (one has 2)", length);
        String notFinite = assertThrows(IllegalArgumentException.class,
                () -> transformer().transform(spark.createDataFrame(List.of(rows.get(0), rows.get(3)), schema)))
                .getMessage();
        assertEquals("column features: 1 of 2 rows hold NaN, infinite or null values", notFinite);
        String taken = assertThrows(IllegalArgumentException.class,
                () -> transformer().transform(transformer().transform(good))).getMessage();
        assertEquals("column z_mean is already in the data (set an outputPrefix)", taken);
        assertArrayEquals(new String[] {"z_mean", "z_logvar", "elbo", "nll", "recon_error"}, transformer().outputColumns());
    }
}
