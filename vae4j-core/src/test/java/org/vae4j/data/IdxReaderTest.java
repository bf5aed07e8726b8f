package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.error.InputException;

class IdxReaderTest {

    @TempDir
    Path tmp;

    @Test
    void plainImagesRoundTripWithExactPixels() {
        byte[] pixels = {0, (byte) 128, (byte) 255, 51, 1, 2, 3, 4, 5, 6, 7, 8};
        Path file = tmp.resolve("imgs-idx3-ubyte");
        IdxReader.writeImages(file, 2, 2, 3, pixels);

        IdxImages images = IdxReader.readImages(file);
        assertEquals(2, images.n());
        assertEquals(2, images.rows());
        assertEquals(3, images.cols());
        assertArrayEquals(pixels, images.pixels());
        float[] x = images.toUnitFloats();
        assertEquals(0f, x[0]);
        assertEquals(128 / 255f, x[1]);
        assertEquals(1f, x[2]);
        assertEquals(0.2f, x[3], 1e-7f);
    }

    @Test
    void gzipIsDetectedByMagicBytesNotName() throws IOException {
        byte[] pixels = IdxTestFiles.pixels(50, 7, 5, 3);
        Path plain = tmp.resolve("plain");
        IdxReader.writeImages(plain, 50, 7, 5, pixels);
        Path gz = tmp.resolve("no-gz-suffix");
        IdxTestFiles.gzip(plain, gz);
        assertEquals(0x1f, Files.readAllBytes(gz)[0]);

        IdxImages images = IdxReader.readImages(gz);
        assertEquals(50, images.n());
        assertArrayEquals(pixels, images.pixels());
    }

    @Test
    void labelsRoundTripPlainAndGzip() {
        int[] labels = {9, 0, 255, 3, 7};
        Path plain = tmp.resolve("labels-idx1-ubyte");
        IdxReader.writeLabels(plain, labels);
        Path gz = tmp.resolve("labels-idx1-ubyte.gz");
        IdxTestFiles.gzip(plain, gz);
        assertArrayEquals(labels, IdxReader.readLabels(plain));
        assertArrayEquals(labels, IdxReader.readLabels(gz));
        assertThrows(IllegalArgumentException.class, () -> IdxReader.writeLabels(plain, new int[] {256}));
    }

    @Test
    void labelFileReadAsImagesReportsWrongMagic() {
        Path file = tmp.resolve("train-labels-idx1-ubyte");
        IdxReader.writeLabels(file, new int[] {1, 2, 3});
        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("magic number 2049"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 2051"), e.getMessage());
        assertTrue(e.getMessage().contains("label file"), e.getMessage());
    }

    @Test
    void garbageFileReportsWrongMagic() throws IOException {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "hello, this is not an IDX file at all");
        InputException e = assertThrows(InputException.class, () -> IdxReader.readLabels(file));
        assertTrue(e.getMessage().startsWith(file + ": wrong magic number"), e.getMessage());
    }

    @Test
    void truncatedPlainFileSaysHowMuchIsThere() throws IOException {
        Path full = tmp.resolve("full");
        IdxReader.writeImages(full, 10, 4, 4, IdxTestFiles.pixels(10, 4, 4, 0));
        byte[] bytes = Files.readAllBytes(full);
        Path cut = tmp.resolve("t10k-images-idx3-ubyte");
        Files.write(cut, Arrays.copyOf(bytes, 16 + 100));

        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(cut));
        assertEquals(cut + ": truncated: header says 10 images of 4x4 but the file holds 100 bytes of pixels,"
                + " not 160", e.getMessage());
    }

    @Test
    void truncatedGzipFileIsReportedAsTruncated() throws IOException {
        Path plain = tmp.resolve("plain");
        IdxReader.writeImages(plain, 400, 28, 28, IdxTestFiles.pixels(400, 28, 28, 5));
        Path gz = tmp.resolve("train-images-idx3-ubyte.gz");
        IdxTestFiles.gzip(plain, gz);
        byte[] compressed = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(compressed, compressed.length / 2));

        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(gz));
        assertTrue(e.getMessage().startsWith(gz + ": truncated"), e.getMessage());
    }

    @Test
    void truncatedLabelsAndHeader() throws IOException {
        Path labels = tmp.resolve("labels");
        IdxReader.writeLabels(labels, new int[] {1, 2, 3, 4});
        Files.write(labels, Arrays.copyOf(Files.readAllBytes(labels), 10));
        InputException e = assertThrows(InputException.class, () -> IdxReader.readLabels(labels));
        assertEquals(labels + ": truncated: header says 4 labels but the file holds 2", e.getMessage());

        Path empty = Files.createFile(tmp.resolve("empty"));
        e = assertThrows(InputException.class, () -> IdxReader.readImages(empty));
        assertEquals(empty + ": truncated: the file ends inside the IDX header", e.getMessage());
    }

    @Test
    void missingFileAndDirectoryAreInputErrors() {
        Path missing = tmp.resolve("nope-idx3-ubyte");
        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        e = assertThrows(InputException.class, () -> IdxReader.readLabels(tmp));
        assertEquals(tmp + ": is a directory, expected a file", e.getMessage());
    }

    @Test
    void zeroImagesIsAnError() throws IOException {
        Path file = tmp.resolve("zero");
        Files.write(file, new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28});
        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("holds no images"), e.getMessage());
    }
}
