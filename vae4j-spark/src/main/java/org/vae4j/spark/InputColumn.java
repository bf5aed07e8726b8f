package org.vae4j.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A column of examples: {@code array<float>}, {@code array<double>} or an ML {@code Vector}, read into
 * float rows. Its type is checked against the schema on the driver, before any job.
 */
final class InputColumn implements Serializable {

    private static final long serialVersionUID = 1L;

    enum Kind { FLOATS, DOUBLES, VECTOR }

    final String name;
    final Kind kind;

    private InputColumn(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    /** The column's kind, or one line naming it and what was expected. */
    static InputColumn of(StructType schema, String name) {
        StructField field = field(schema, name, "the input column");
        DataType type = field.dataType();
        if (type.equals(SQLDataTypes.VectorType())) {
            return new InputColumn(name, Kind.VECTOR);
        }
        if (type instanceof ArrayType array) {
            if (array.elementType().equals(DataTypes.FloatType)) {
                return new InputColumn(name, Kind.FLOATS);
            }
            if (array.elementType().equals(DataTypes.DoubleType)) {
                return new InputColumn(name, Kind.DOUBLES);
            }
        }
        throw new IllegalArgumentException("column " + name + " is " + type.simpleString()
                + "; expected array<float>, array<double> or vector");
    }

    /** The field called {@code name}, or one line saying it is missing and which columns there are. */
    static StructField field(StructType schema, String name, String role) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("column " + name + " (" + role + ") is not in the data; its columns are "
                + String.join(", ", schema.fieldNames()));
    }

    /** The values of the column in {@code row} at {@code index}, written to {@code out} from {@code offset}. */
    void read(Row row, int index, float[] out, int offset) {
        if (kind == Kind.VECTOR) {
            Vector v = (Vector) row.get(index);
            for (int i = 0; i < v.size(); i++) {
                out[offset + i] = (float) v.apply(i);
            }
            return;
        }
        List<Object> values = row.getList(index);
        for (int i = 0; i < values.size(); i++) {
            out[offset + i] = ((Number) values.get(i)).floatValue();
        }
    }

    /** The number of values in the row, -1 for null. */
    int length(Row row, int index) {
        if (row.isNullAt(index)) {
            return -1;
        }
        return kind == Kind.VECTOR ? ((Vector) row.get(index)).size() : row.getList(index).size();
    }

    /** True if any value is NaN, infinite or null. */
    boolean hasBadValue(Row row, int index) {
        if (kind == Kind.VECTOR) {
            Vector v = (Vector) row.get(index);
            for (int i = 0; i < v.size(); i++) {
                if (!Double.isFinite(v.apply(i))) {
                    return true;
                }
            }
            return false;
        }
        for (Object value : row.getList(index)) {
            if (value == null || !Double.isFinite(((Number) value).doubleValue())) {
                return true;
            }
        }
        return false;
    }
}
