package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.error.InputException;

class NpmDigitsTest {

    /** Per digit d with c_d images (1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978): floor(0.8 c_d). */
    private static final int[] TRAIN_COUNTS = {800, 901, 792, 825, 784, 690, 811, 856, 755, 782};
    private static final int[] TEST_COUNTS = {201, 226, 199, 207, 196, 173, 203, 214, 189, 196};
    private static final int TRAIN_TOTAL = 7996;

    @TempDir
    Path tmp;

    /** Digit d gets d + 2 images; pixel 0 of image k of digit d is (d + k / 100) / 10, the rest 0 or 1. */
    private Path fakeDigits() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("digits"));
        for (int d = 0; d < 10; d++) {
            StringBuilder json = new StringBuilder("{\"other\": {\"x\": [1, 2]}, \"data\": [");
            for (int k = 0; k < d + 2; k++) {
                json.append(k == 0 ? "" : ",").append((d + k / 100.0) / 10);
                for (int p = 1; p < NpmDigits.PIXELS; p++) {
                    json.append(p % 2 == 0 ? ",0" : ",1");
                }
            }
            Files.writeString(dir.resolve(d + ".json"), json.append("]}").toString());
        }
        return dir;
    }

    @Test
    void splitsEachDigitEightyTwentyInDigitOrder() throws IOException {
        DataSplit split = NpmDigits.load(fakeDigits());
        Dataset train = split.train();
        Dataset test = split.test();
        // digit d has d + 2 images: floor(0.8 (d + 2)) = 1,2,3,4,4,5,6,7,8,8 to train
        assertArrayEquals(new int[] {0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6,
            7, 7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9}, train.labels());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 9}, test.labels());
        assertEquals(65, train.n() + test.n());
        assertEquals(28, train.height());
        // the first test image of digit 4 is its image k = 4, first pixel (4 + 0.04) / 10
        assertEquals(0.404f, test.row(4)[0], 1e-6f);
        assertEquals(1f, test.row(4)[1]);
        // the second train image of digit 1 is its image k = 1
        assertEquals(0.101f, train.row(2)[0], 1e-6f);
        assertEquals("digits", train.name());
    }

    @Test
    void trainCountIsExactFloorOfEightyPercent() {
        assertEquals(800, NpmDigits.trainCount(1000));
        assertEquals(4, NpmDigits.trainCount(5));
        assertEquals(790, NpmDigits.trainCount(988));
    }

    @Test
    void valueOutsideUnitIntervalIsAnError() throws IOException {
        Path dir = fakeDigits();
        Path three = dir.resolve("3.json");
        Files.writeString(three, Files.readString(three).replaceFirst(",1,", ",1.5,"));
        InputException e = assertThrows(InputException.class, () -> NpmDigits.load(dir));
        assertEquals(three + ": data[1] = 1.5 is outside [0, 1]", e.getMessage());
    }

    @Test
    void badValuesAreQuotedBriefly() throws IOException {
        Path dir = fakeDigits();
        Path two = dir.resolve("2.json");
        String json = Files.readString(two);
        Files.writeString(two, json.replaceFirst(",1,", ",2" + "0".repeat(900) + ","));
        InputException e = assertThrows(InputException.class, () -> NpmDigits.load(dir));
        assertEquals(two + ": data[1] = 2" + "0".repeat(39) + "... is outside [0, 1]", e.getMessage());

        Files.writeString(two, json.replaceFirst(",1,", ",a" + "\u0001b".repeat(2000) + ","));
        e = assertThrows(InputException.class, () -> NpmDigits.load(dir));
        ReadErrorsTest.assertBriefAndPrintable(two, "bad JSON at line 1, column ", 220, e.getMessage());
        assertTrue(e.getMessage().contains("'a\\u0001b\\u0001b"), e.getMessage());
    }

    @Test
    void lengthNotAMultipleOf784IsAnError() throws IOException {
        Path dir = fakeDigits();
        Path seven = dir.resolve("7.json");
        Files.writeString(seven, Files.readString(seven).replace("]}", ",0]}"));
        InputException e = assertThrows(InputException.class, () -> NpmDigits.load(dir));
        assertTrue(e.getMessage().startsWith(seven + ": \"data\" holds 7057 values"), e.getMessage());
    }

    @Test
    void missingAndMalformedFilesAreErrors() throws IOException {
        Path dir = fakeDigits();
        Path five = dir.resolve("5.json");
        Files.writeString(five, "{\"data\": [0, 1,");
        InputException e = assertThrows(InputException.class, () -> NpmDigits.load(dir));
        assertTrue(e.getMessage().startsWith(five + ": bad JSON at line 1"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());

        Files.delete(five);
        e = assertThrows(InputException.class, () -> NpmDigits.load(dir));
        assertEquals(five + ": no such file", e.getMessage());
    }

    @Test
    void realNpmDigits() {
        Path dir = RealData.digits();
        DataSplit split = NpmDigits.load(dir);
        assertEquals(10_000, split.train().n() + split.test().n());
        assertEquals(TRAIN_TOTAL, split.train().n());
        int[] trainCounts = new int[10];
        int[] testCounts = new int[10];
        for (int label : split.train().labels()) {
            trainCounts[label]++;
        }
        for (int label : split.test().labels()) {
            testCounts[label]++;
        }
        assertArrayEquals(TRAIN_COUNTS, trainCounts);
        assertArrayEquals(TEST_COUNTS, testCounts);
        assertEquals(784, split.train().dim());
        // spot values read with Python's json module: 0.json's first non-zero value is data[127] = 0.2,
        // and its image 800 (the first test image) first turns non-zero at pixel 150 with 0.255
        assertEquals(0f, split.train().x()[126]);
        assertEquals(0.2f, split.train().x()[127]);
        assertEquals(0.255f, split.test().row(0)[150]);
    }
}
