package org.vae4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The settings a vae4j driver needs on a cluster: loopback addresses when the master is on 127.0.0.1,
 * no UI, every executor registered before the first job, and offline executors with one intra-op
 * thread per task (PyTorch's and OpenMP's), so tasks do not oversubscribe cores.
 */
public final class ClusterSessions {

    /** The JVM options of every executor: PyTorch from the jar on the classpath, one thread per task. */
    public static final String EXECUTOR_JAVA_OPTIONS = "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 "
            + "-Dai.djl.pytorch.num_interop_threads=1 -XX:TieredStopAtLevel=1 -Xmn32m";

    private ClusterSessions() {
    }

    /** A session builder for {@code master} (local[N], spark://host:port, ...) with these settings. */
    public static SparkSession.Builder builder(String master, String appName) {
        SparkSession.Builder builder = SparkSession.builder().master(master).appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s")
                .config("spark.executorEnv.OMP_NUM_THREADS", "1")
                .config("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE")
                .config("spark.executorEnv.MALLOC_MMAP_THRESHOLD_", "67108864")
                .config("spark.executorEnv.MALLOC_TRIM_THRESHOLD_", "268435456")
                .config("spark.executor.extraJavaOptions", EXECUTOR_JAVA_OPTIONS)
                .config("spark.rpc.message.maxSize", "512");
        if (master.startsWith("local") || master.contains("127.0.0.1") || master.contains("localhost")) {
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return builder;
    }
}
