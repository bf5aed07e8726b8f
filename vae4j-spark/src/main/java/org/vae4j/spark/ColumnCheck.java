package org.vae4j.spark;

import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One light pass over a column before the real work: counts of null rows, rows of the wrong length and
 * rows with NaN or infinite values, so that bad data fails on the driver with one line naming the column
 * instead of a stack trace from inside a task.
 */
final class ColumnCheck implements Serializable {

    private static final long serialVersionUID = 1L;

    long rows;
    long nulls;
    long wrongLength;
    int firstWrongLength = -1;
    long notFinite;

    /** Checks every row of {@code column} in {@code data}; fails with one line on the first problem found. */
    static long run(Dataset<Row> data, InputColumn column, int dim) {
        int index = data.schema().fieldIndex(column.name);
        ColumnCheck total = data.javaRDD().aggregate(new ColumnCheck(), (check, row) -> check.add(row, column, index, dim),
                ColumnCheck::merge);
        total.throwIfBad(column.name, dim);
        return total.rows;
    }

    private ColumnCheck add(Row row, InputColumn column, int index, int dim) {
        rows++;
        int length = column.length(row, index);
        if (length < 0) {
            nulls++;
        } else if (length != dim) {
            wrongLength++;
            firstWrongLength = firstWrongLength < 0 ? length : firstWrongLength;
        } else if (column.hasBadValue(row, index)) {
            notFinite++;
        }
        return this;
    }

    private ColumnCheck merge(ColumnCheck other) {
        rows += other.rows;
        nulls += other.nulls;
        wrongLength += other.wrongLength;
        firstWrongLength = firstWrongLength < 0 ? other.firstWrongLength : firstWrongLength;
        notFinite += other.notFinite;
        return this;
    }

    private void throwIfBad(String name, int dim) {
        if (nulls > 0) {
            throw new IllegalArgumentException("column " + name + ": " + nulls + " of " + rows + " rows are null");
        }
        if (wrongLength > 0) {
            throw new IllegalArgumentException("column " + name + ": " + wrongLength + " of " + rows + " rows do not have "
                    + "the model's " + dim + " values (one has " + firstWrongLength + ")");
        }
        if (notFinite > 0) {
            throw new IllegalArgumentException("column " + name + ": " + notFinite + " of " + rows
                    + " rows hold NaN, infinite or null values");
        }
    }
}
