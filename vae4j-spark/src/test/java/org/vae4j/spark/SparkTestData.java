package org.vae4j.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The test helpers of this package, for tests in other packages. */
public final class SparkTestData {

    public static final int DIM = TestModels.DIM;

    private SparkTestData() {
    }

    public static Path tinyVae(Path dir) {
        return TestModels.tinyVae(dir);
    }

    public static float[] uniform(int n, long seed) {
        return TestModels.uniform(n, seed);
    }

    public static SparkSession session() {
        return LocalSpark.session();
    }
}
