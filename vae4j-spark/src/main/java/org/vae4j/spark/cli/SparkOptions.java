package org.vae4j.spark.cli;

import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.vae4j.spark.ClusterSessions;
import picocli.CommandLine.Option;

/** The options every subcommand shares: where Spark runs and how many partitions the data gets. */
final class SparkOptions {

    @Option(names = "--master", defaultValue = "local[2]",
            description = "Spark master: local[N], spark://HOST:PORT, ... (default: ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--partitions", defaultValue = "2",
            description = "partitions of data read on the driver (CSV, IDX, named sets) (default: ${DEFAULT-VALUE})")
    int partitions;

    /** Fails with one line on a malformed master URL or partition count: before any Spark work. */
    void validate() {
        String m = master.toLowerCase(Locale.ROOT);
        if (!(m.matches("local(\\[(\\d+|\\*)\\])?") || m.startsWith("spark://") || m.startsWith("yarn")
                || m.startsWith("k8s://") || m.startsWith("local-cluster["))) {
            throw new IllegalArgumentException("--master " + master + " is not a Spark master URL (local[N], "
                    + "spark://HOST:PORT, yarn, k8s://...)");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
    }

    SparkSession session(String appName) {
        SparkSession.Builder builder = ClusterSessions.builder(master, appName);
        // executors of a cluster get this jar from the driver (the other jars are in their SPARK_HOME)
        var source = SparkOptions.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation().getPath().endsWith(".jar") && !master.startsWith("local")) {
            builder.config("spark.jars", source.getLocation().getPath());
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
