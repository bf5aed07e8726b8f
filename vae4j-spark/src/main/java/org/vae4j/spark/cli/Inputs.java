package org.vae4j.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Where bin/vae4j-spark's rows come from: Parquet (read by Spark, scalable: the column must hold
 * array<float>, array<double> or a vector), or any DATA bin/vae4j takes (a CSV file, an IDX folder,
 * digits, fashion-mnist), read on the driver by the library and handed to Spark in partitions. The latter
 * ships its rows in the tasks of one first job (spark.rpc.message.maxSize is raised for it), then keeps
 * them on the executors (a local checkpoint).
 */
final class Inputs {

    /** The column the driver-read data lands in. */
    static final String FEATURES = "features";

    private Inputs() {
    }

    static boolean isParquet(String input) {
        return input.toLowerCase(Locale.ROOT).endsWith(".parquet")
                || (Files.isDirectory(Path.of(input)) && hasParquetFiles(Path.of(input)));
    }

    private static boolean hasParquetFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static Dataset<Row> parquet(SparkSession spark, String input) {
        return spark.read().parquet(input);
    }

    /** A library dataset as a DataFrame: an id (the row's index) and the features, in {@code partitions}. */
    static Dataset<Row> frame(SparkSession spark, org.vae4j.data.Dataset data, int partitions) {
        int d = data.dim();
        List<Row> rows = new ArrayList<>(data.n());
        float[] row = new float[d];
        for (int i = 0; i < data.n(); i++) {
            data.copyValues(i * d, row, 0, d);
            Float[] boxed = new Float[d];
            for (int j = 0; j < d; j++) {
                boxed[j] = row[j];
            }
            rows.add(RowFactory.create((long) i, boxed));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        // checkpointed on the executors: the rows travel inside the tasks of this first job only, not again
        // with every later one
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows,
                partitions), schema).localCheckpoint();
    }
}
