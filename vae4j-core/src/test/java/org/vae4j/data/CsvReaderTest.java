package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.error.InputException;

class CsvReaderTest {

    @TempDir
    Path tmp;

    /** Row i (0..9): a = i, b = 2i + 100, label id = i; the label sits between the numeric columns. */
    private Path tenRows() throws IOException {
        StringBuilder csv = new StringBuilder("a, id ,b\n");
        for (int i = 0; i < 10; i++) {
            csv.append(i).append(',').append(i).append(',').append(2 * i + 100).append('\n');
            if (i == 4) {
                csv.append("   \n");
            }
        }
        return write("ten.csv", csv.toString());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static CsvOptions options(String label, double testFraction, long seed) {
        return new CsvOptions(label, testFraction, null, seed);
    }

    @Test
    void seededSplitHasExactSizesAndFollowsFisherYates() throws IOException {
        DataSplit split = CsvReader.load(tenRows(), options("id", 0.3, 42));
        Dataset train = split.train();
        Dataset test = split.test();
        assertEquals(7, train.n());
        assertEquals(3, test.n());
        assertEquals(2, train.dim());
        assertEquals(1, train.height());
        assertEquals("ten.csv", train.name());

        // the spec: Fisher-Yates with SplittableRandom(seed); the last 3 shuffled rows are the test rows
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 9; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] expectedTest = Arrays.copyOfRange(order, 7, 10);
        Arrays.sort(expectedTest);
        assertArrayEquals(expectedTest, test.labels());

        DataSplit again = CsvReader.load(tenRows(), options("id", 0.3, 42));
        assertEquals(split.train(), again.train());
        assertEquals(split.test(), again.test());
        assertNotEquals(split.test(), CsvReader.load(tenRows(), options("id", 0.3, 43)).test());
    }

    @Test
    void scalingIsFittedOnTrainRowsOnly() throws IOException {
        DataSplit split = CsvReader.load(tenRows(), options("id", 0.3, 42));
        int[] trainIds = split.train().labels();
        int lo = trainIds[0];
        int hi = trainIds[trainIds.length - 1];
        assertArrayEquals(new float[] {lo, 2 * lo + 100}, split.scaling().min());
        assertArrayEquals(new float[] {hi, 2 * hi + 100}, split.scaling().max());
        for (int k = 0; k < split.test().n(); k++) {
            int id = split.test().labels()[k];
            float expected = Math.min(1f, Math.max(0f, (id - lo) / (float) (hi - lo)));
            assertEquals(expected, split.test().row(k)[0], 1e-6f);
            assertEquals(expected, split.test().row(k)[1], 1e-6f);
        }
    }

    @Test
    void testFileIsScaledWithTheTrainFileScalingAndClamped() throws IOException {
        Path train = write("train.csv", "x,y\n0,1\n10,1\n");
        Path test = write("test.csv", "x,y\n5,1\n20,3\n-1,0\n");
        DataSplit split = CsvReader.load(train, new CsvOptions(null, 0.2, test, 1));
        assertEquals(new Scaling(new float[] {0f, 1f}, new float[] {10f, 1f}), split.scaling());
        assertArrayEquals(new float[] {0f, 0f, 1f, 0f}, split.train().x());
        assertArrayEquals(new float[] {0.5f, 0f, 1f, 0f, 0f, 0f}, split.test().x());
        assertFalse(split.test().hasLabels());
    }

    @Test
    void fixedScalingIsAppliedInsteadOfFitting() throws IOException {
        Scaling saved = new Scaling(new float[] {0f, 100f}, new float[] {20f, 140f});
        DataSplit split = CsvReader.load(tenRows(), options("id", 0.3, 42), saved);
        assertEquals(saved, split.scaling());
        for (int k = 0; k < split.train().n(); k++) {
            int id = split.train().labels()[k];
            assertArrayEquals(new float[] {id / 20f, (2 * id) / 40f}, split.train().row(k), 1e-6f);
        }
        Scaling wrongDim = new Scaling(new float[3], new float[3]);
        InputException e = assertThrows(InputException.class,
                () -> CsvReader.load(tenRows(), options("id", 0.3, 42), wrongDim));
        assertTrue(e.getMessage().endsWith("ten.csv: has 2 numeric columns but the given scaling has 3"),
                e.getMessage());
    }

    @Test
    void noHeaderLabelByIndex() throws IOException {
        Path file = write("plain.csv", "1.5,0\n2.5,1\n3.5,1\n4.5,0\n");
        DataSplit split = CsvReader.load(file, options("1", 0.25, 3));
        assertEquals(3, split.train().n());
        assertEquals(1, split.test().n());
        assertEquals(1, split.train().dim());
        assertTrue(split.test().hasLabels());

        InputException e = assertThrows(InputException.class, () -> CsvReader.load(file, options("label", 0.5, 1)));
        assertTrue(e.getMessage().contains("no header"), e.getMessage());
        e = assertThrows(InputException.class, () -> CsvReader.load(file, options("2", 0.5, 1)));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void nonNumericCellNamesLineAndColumn() throws IOException {
        Path file = write("data.csv", "sepal,petal\n1,2\n3,4\n5,abc\n");
        InputException e = assertThrows(InputException.class, () -> CsvReader.load(file, CsvOptions.defaults()));
        assertEquals(file + ": line 4, column 2 (\"petal\"): not a number: \"abc\"", e.getMessage());
    }

    @Test
    void raggedRowIsAnError() throws IOException {
        Path file = write("ragged.csv", "1,2,3\n4,5,6\n\n7,8\n");
        InputException e = assertThrows(InputException.class, () -> CsvReader.load(file, CsvOptions.defaults()));
        assertEquals(file + ": line 4: 2 cells, expected 3", e.getMessage());
    }

    @Test
    void unknownLabelColumnListsTheColumns() throws IOException {
        Path file = write("iris.csv", "sepal,petal,species\n1,2,0\n3,4,1\n");
        InputException e = assertThrows(InputException.class,
                () -> CsvReader.load(file, options("Species", 0.5, 1)));
        assertEquals(file + ": unknown label column \"Species\"; the columns are \"sepal\", \"petal\", \"species\"",
                e.getMessage());
    }

    @Test
    void binaryGarbageIsQuotedBrieflyWithControlCharactersEscaped() throws IOException {
        // bytes that decode as UTF-8 (0..127 without commas and line breaks) in two long lines: the first is
        // taken for a header, the second fails as a number
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder garbage = new StringBuilder();
        for (int line = 0; line < 2; line++) {
            for (int i = 0; i < 5000; i++) {
                int c = random.nextInt(128);
                garbage.append(c == ',' || c == '\n' || c == '\r' ? 'x' : (char) c);
            }
            garbage.append('\n');
        }
        Path file = write("garbage.csv", garbage.toString());
        InputException e = assertThrows(InputException.class, () -> CsvReader.load(file, CsvOptions.defaults()));
        ReadErrorsTest.assertBriefAndPrintable(file, "line 2, column 1 (\"", 140, e.getMessage());
        assertTrue(e.getMessage().contains("...\"): not a number: \""), e.getMessage());
    }

    @Test
    void longAndControlCellsAreQuotedBriefly() throws IOException {
        String longName = "n".repeat(300);
        Path file = write("cells.csv", longName + ",b\n1,2\n3,a\u0000\u001b[31mred\n");
        InputException e = assertThrows(InputException.class, () -> CsvReader.load(file, CsvOptions.defaults()));
        assertEquals(file + ": line 3, column 2 (\"b\"): not a number: \"a\\u0000\\u001b[31mred\"", e.getMessage());

        Path labels = write("labels.csv", longName + ",y\n1," + "7".repeat(300) + ".5\n");
        e = assertThrows(InputException.class, () -> CsvReader.load(labels, options("y", 0.5, 1)));
        assertEquals(labels + ": line 2, column 2 (\"y\"): label is not a non-negative integer: \"" + "7".repeat(40)
                + "...\"", e.getMessage());

        Path value = write("value.csv", longName + ",y\n1" + "0".repeat(400) + ",1\n");
        e = assertThrows(InputException.class, () -> CsvReader.load(value, CsvOptions.defaults()));
        assertEquals(value + ": line 2, column 1 (\"" + "n".repeat(40) + "...\"): not a finite float: \"1"
                + "0".repeat(39) + "...\"", e.getMessage());
    }

    @Test
    void testFileWithOtherColumnNamesNamesTheFirstThatDiffers() throws IOException {
        Path train = write("train.csv", "a,b,c\n1,2,3\n4,5,6\n");
        Path test = write("test.csv", "a,B\u0007" + "B".repeat(100) + ",c\n1,2,3\n");
        InputException e = assertThrows(InputException.class,
                () -> CsvReader.load(train, new CsvOptions(null, 0.2, test, 1)));
        assertEquals(test + ": column 2 is named \"B\\u0007" + "B".repeat(33) + "...\" but train.csv names it"
                + " \"b\"", e.getMessage());
    }

    @Test
    void unknownLabelColumnOfAWideFileListsAFewColumns() throws IOException {
        StringBuilder header = new StringBuilder("x0");
        StringBuilder row = new StringBuilder("0");
        for (int i = 1; i < 500; i++) {
            header.append(",x").append(i);
            row.append(",").append(i);
        }
        Path file = write("wide.csv", header + "\n" + row + "\n" + row + "\n");
        InputException e = assertThrows(InputException.class, () -> CsvReader.load(file, options("y", 0.5, 1)));
        assertEquals(file + ": unknown label column \"y\"; the columns are \"x0\", \"x1\", \"x2\", \"x3\", \"x4\","
                + " \"x5\", \"x6\", \"x7\", \"x8\", \"x9\", \"x10\" and 489 more", e.getMessage());
    }

    @Test
    void labelsMustBeNonNegativeIntegers() throws IOException {
        Path file = write("labels.csv", "x,y\n1,0\n2,1.5\n");
        InputException e = assertThrows(InputException.class, () -> CsvReader.load(file, options("y", 0.5, 1)));
        assertEquals(file + ": line 3, column 2 (\"y\"): label is not a non-negative integer: \"1.5\"",
                e.getMessage());
        Path negative = write("negative.csv", "x,y\n1,0\n2,-1\n");
        assertThrows(InputException.class, () -> CsvReader.load(negative, options("y", 0.5, 1)));
    }

    @Test
    void emptyDataAndTooFewRowsAreErrors() throws IOException {
        Path headerOnly = write("header.csv", "a,b\n\n");
        InputException e = assertThrows(InputException.class,
                () -> CsvReader.load(headerOnly, CsvOptions.defaults()));
        assertEquals(headerOnly + ": no data rows after the header", e.getMessage());
        Path blank = write("blank.csv", "\n  \n");
        e = assertThrows(InputException.class, () -> CsvReader.load(blank, CsvOptions.defaults()));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
        Path one = write("one.csv", "a,b\n1,2\n");
        e = assertThrows(InputException.class, () -> CsvReader.load(one, CsvOptions.defaults()));
        assertTrue(e.getMessage().contains("cannot split"), e.getMessage());
        Path missing = tmp.resolve("missing.csv");
        e = assertThrows(InputException.class, () -> CsvReader.load(missing, CsvOptions.defaults()));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void testFileWithOtherColumnsNamesTheTestFile() throws IOException {
        Path train = write("train.csv", "a,b,c\n1,2,3\n4,5,6\n");
        Path test = write("test.csv", "a,b\n1,2\n");
        InputException e = assertThrows(InputException.class,
                () -> CsvReader.load(train, new CsvOptions(null, 0.2, test, 1)));
        assertEquals(test + ": has 2 columns but train.csv has 3", e.getMessage());
    }

    @Test
    void testFractionOutsideOpenUnitIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> options(null, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> options(null, 0.0, 1));
        assertThrows(IllegalArgumentException.class, () -> options(null, Double.NaN, 1));
    }
}
