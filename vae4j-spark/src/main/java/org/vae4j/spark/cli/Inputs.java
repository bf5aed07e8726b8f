package org.vae4j.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where bin/vae4j-spark's rows come from: Parquet (read by Spark, scalable: the column must hold
 * array<float>, array<double> or a vector), or any DATA bin/vae4j takes (a CSV file, an IDX folder,
 * digits, fashion-mnist), read on the driver by the library and handed to Spark in partitions. The latter
 * ships its rows in the tasks of one first job (spark.rpc.message.maxSize is raised for it), then keeps
 * them on the executors (a local checkpoint).
 */
final class Inputs {

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
}
