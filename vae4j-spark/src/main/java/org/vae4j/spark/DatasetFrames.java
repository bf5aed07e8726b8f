package org.vae4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A data set the library read on the driver (IDX, CSV, digits, fashion-mnist) as a DataFrame: its rows ship
 * in the tasks of one first job (spark.rpc.message.maxSize must allow them), then stay on the executors (a
 * local checkpoint).
 */
public final class DatasetFrames {

    /** The column the features land in. */
    public static final String FEATURES = "features";

    private DatasetFrames() {
    }

    /** An id (the row's index) and the features ({@link #FEATURES}, array of float), in {@code partitions}. */
    public static Dataset<Row> of(SparkSession spark, org.vae4j.data.Dataset data, int partitions) {
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
