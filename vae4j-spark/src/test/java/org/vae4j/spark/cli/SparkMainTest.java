package org.vae4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.spark.SparkTestData;

/** bin/vae4j-spark in-process: bad flags and columns are one line and exit 2; a score run writes Parquet. */
class SparkMainTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static void assertOneLine(Result r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void badFlagsAreOneLineAndExitTwo() {
        assertOneLine(run("score", "--input", "x.parquet", "--output", "o"), "Missing required option: '--model=<model>'");
        assertOneLine(run("score", "--model", tmp.resolve("none").toString(), "--input", "x", "--output", "o"),
                "no such model folder");
        assertOneLine(run("train", "--input", "digits", "--out", "r", "--mode", "fast"), "mode fast is not one of sync, average");
        assertOneLine(run("train", "--input", "digits", "--out", "r", "--master", "moon"), "--master moon is not a Spark master URL");
        assertOneLine(run("train", "--input", "digits", "--out", "r", "--every", "0", "--mode", "average"),
                "--every must be at least 1");
        assertOneLine(run("frobnicate"), "Unmatched argument");
    }

    @Test
    void scoresParquetAndNamesAMissingColumn() {
        Path model = SparkTestData.tinyVae(tmp.resolve("model"));
        SparkSession spark = SparkTestData.session();
        float[] x = SparkTestData.uniform(50, 2);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Float[] v = new Float[SparkTestData.DIM];
            for (int j = 0; j < v.length; j++) {
                v[j] = x[i * SparkTestData.DIM + j];
            }
            rows.add(RowFactory.create((long) i, v));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("pixels", DataTypes.createArrayType(DataTypes.FloatType));
        String input = tmp.resolve("in.parquet").toString();
        spark.createDataFrame(rows, schema).write().parquet(input);
        assertOneLine(run("score", "--model", model.toString(), "--input", input, "--output",
                tmp.resolve("bad").toString()), "column features (the input column) is not in the data");
        String output = tmp.resolve("scores.parquet").toString();
        Result ok = run("score", "--model", model.toString(), "--input", input, "--input-column", "pixels", "--output",
                output, "--k", "5", "--top", "3");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith("scored 50 rows"), ok.out());
        assertEquals(3, ok.out().lines().filter(l -> l.startsWith("  id ")).count(), ok.out());
        assertEquals(50, SparkTestData.session().read().parquet(output).count());
    }
}
