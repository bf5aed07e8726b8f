package org.vae4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small IDX files for tests. */
final class IdxTestFiles {

    private IdxTestFiles() {
    }

    /** n images of rows x cols whose pixel k (over the whole file) is (k * 37 + seed) mod 256. */
    static byte[] pixels(int n, int rows, int cols, int seed) {
        byte[] pixels = new byte[n * rows * cols];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) ((k * 37 + seed) % 256);
        }
        return pixels;
    }

    /** Gzips {@code plain} into {@code gz}. */
    static void gzip(Path plain, Path gz) {
        try {
            Files.write(gz, gzip(Files.readAllBytes(plain)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return bytes as one gzip member (a 10-byte header, deflate data, an 8-byte trailer) */
    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a full MNIST-layout directory: train n1 images, test n2 images, rows x cols, labels i % 10. */
    static void mnistDir(Path dir, int n1, int n2, int rows, int cols, boolean gzipTrain) throws IOException {
        Files.createDirectories(dir);
        Path trainImages = dir.resolve("train-images-idx3-ubyte");
        IdxReader.writeImages(trainImages, n1, rows, cols, pixels(n1, rows, cols, 1));
        if (gzipTrain) {
            gzip(trainImages, dir.resolve("train-images-idx3-ubyte.gz"));
            Files.delete(trainImages);
        }
        IdxReader.writeImages(dir.resolve("t10k-images-idx3-ubyte"), n2, rows, cols, pixels(n2, rows, cols, 2));
        IdxReader.writeLabels(dir.resolve("train-labels-idx1-ubyte"), labels(n1));
        IdxReader.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), labels(n2));
    }

    static int[] labels(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        return labels;
    }
}
