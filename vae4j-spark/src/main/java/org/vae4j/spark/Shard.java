package org.vae4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * One partition's training rows as one float array, held by Spark's cache on the executor that computed
 * it, with the global index of its first row: the rows of a DataFrame are numbered 0..N-1 in partition
 * order (the order collecting it gives), so a global batch of indices names rows in any shard.
 *
 * @param partition the partition's index
 * @param start the global index of the first row
 * @param n the rows held
 * @param x their values, row-major, D each
 */
record Shard(int partition, long start, int n, int dim, float[] x) implements Serializable {

    /** The DataFrame's column as cached shards, one per partition, computed now. */
    static JavaRDD<Shard> of(Dataset<Row> data, InputColumn column, int dim) {
        int index = data.schema().fieldIndex(column.name);
        JavaRDD<Shard> shards = data.javaRDD().zipWithIndex().mapPartitionsWithIndex((partition, rows) -> {
            List<float[]> values = new ArrayList<>();
            long start = -1;
            while (rows.hasNext()) {
                Tuple2<Row, Long> row = rows.next();
                start = start < 0 ? row._2() : start;
                float[] v = new float[dim];
                column.read(row._1(), index, v, 0);
                values.add(v);
            }
            float[] x = new float[values.size() * dim];
            for (int i = 0; i < values.size(); i++) {
                System.arraycopy(values.get(i), 0, x, i * dim, dim);
            }
            Iterator<Shard> one = List.of(new Shard(partition, Math.max(start, 0), values.size(), dim, x)).iterator();
            return one;
        }, true);
        // cut the lineage once computed: a parallelized DataFrame's partitions carry its rows, and every
        // later job's tasks would ship and deserialize them again (seconds a step)
        shards.persist(StorageLevel.MEMORY_AND_DISK());
        shards.rdd().localCheckpoint();
        shards.count();
        return shards;
    }

    /** The rows of this shard among {@code batch} (global indices): their positions in the batch. */
    int[] positionsIn(int[] batch) {
        int count = 0;
        for (int i : batch) {
            count += holds(i) ? 1 : 0;
        }
        int[] positions = new int[count];
        int k = 0;
        for (int p = 0; p < batch.length; p++) {
            if (holds(batch[p])) {
                positions[k++] = p;
            }
        }
        return positions;
    }

    boolean holds(long index) {
        return index >= start && index < start + n;
    }

    /** The values of global rows {@code batch[positions[j]]}, row-major. */
    float[] rows(int[] batch, int[] positions) {
        float[] out = new float[positions.length * dim];
        for (int j = 0; j < positions.length; j++) {
            System.arraycopy(x, Math.toIntExact((batch[positions[j]] - start) * dim), out, j * dim, dim);
        }
        return out;
    }

    /** The values of local rows {@code local}, row-major. */
    float[] localRows(int[] local) {
        float[] out = new float[local.length * dim];
        for (int j = 0; j < local.length; j++) {
            System.arraycopy(x, local[j] * dim, out, j * dim, dim);
        }
        return out;
    }
}
