package org.vae4j.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' one local[2] SparkSession: loopback addresses, no UI, few shuffle partitions. */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSession.builder().master("local[2]").appName("vae4j-tests")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }

    /** Stops the local session (one SparkContext per JVM: a cluster test needs its own). */
    static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }
}
