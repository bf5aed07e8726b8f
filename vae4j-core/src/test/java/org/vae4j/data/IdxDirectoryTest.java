package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.error.InputException;

class IdxDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void loadsMnistLayoutWithGzipAndPlainFiles() throws IOException {
        Path dir = tmp.resolve("mini");
        IdxTestFiles.mnistDir(dir, 30, 12, 3, 4, true);

        DataSplit split = IdxDirectory.load(dir);
        Dataset train = split.train();
        assertEquals("mini", train.name());
        assertEquals(30, train.n());
        assertEquals(12, split.test().n());
        assertEquals(12, train.dim());
        assertEquals(3, train.height());
        assertEquals(4, train.width());
        assertNull(split.scaling());
        assertArrayEquals(IdxTestFiles.labels(12), split.test().labels());
        // pixel k of the training file is (37k + 1) mod 256; k = 13 is example 1, value 2
        assertEquals(((13 * 37 + 1) % 256) / 255f, train.row(1)[1]);
        assertEquals(dir.toAbsolutePath().toString(), split.source());
    }

    @Test
    void matchesFilesByPrefixAndLabelsAreOptional() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("dots"));
        IdxReader.writeImages(dir.resolve("train-images.idx3-ubyte"), 4, 2, 2, IdxTestFiles.pixels(4, 2, 2, 0));
        IdxReader.writeImages(dir.resolve("t10k-images.idx3-ubyte"), 2, 2, 2, IdxTestFiles.pixels(2, 2, 2, 0));
        DataSplit split = IdxDirectory.load(dir, "named");
        assertEquals("named", split.test().name());
        assertEquals(4, split.train().n());
        assertFalse(split.train().hasLabels());
        assertFalse(split.test().hasLabels());
    }

    @Test
    void missingTestImagesNamesTheDirectory() throws IOException {
        Path dir = tmp.resolve("half");
        IdxTestFiles.mnistDir(dir, 5, 5, 2, 2, false);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        InputException e = assertThrows(InputException.class, () -> IdxDirectory.load(dir));
        assertTrue(e.getMessage().startsWith(dir + ": no t10k-images file"), e.getMessage());

        InputException missing = assertThrows(InputException.class, () -> IdxDirectory.load(tmp.resolve("none")));
        assertEquals(tmp.resolve("none") + ": no such directory", missing.getMessage());
    }

    @Test
    void trainAndTestMustShareImageSize() throws IOException {
        Path dir = tmp.resolve("sizes");
        IdxTestFiles.mnistDir(dir, 5, 5, 2, 2, false);
        Path test = dir.resolve("t10k-images-idx3-ubyte");
        IdxReader.writeImages(test, 5, 1, 4, IdxTestFiles.pixels(5, 1, 4, 0));
        InputException e = assertThrows(InputException.class, () -> IdxDirectory.load(dir));
        assertEquals(test + ": images are 1x4 but train-images-idx3-ubyte has 2x2", e.getMessage());
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        Path dir = tmp.resolve("counts");
        IdxTestFiles.mnistDir(dir, 5, 5, 2, 2, false);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        IdxReader.writeLabels(labels, new int[] {1, 2, 3});
        InputException e = assertThrows(InputException.class, () -> IdxDirectory.load(dir));
        assertEquals(labels + ": holds 3 labels but train-images-idx3-ubyte holds 5 images", e.getMessage());

        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        e = assertThrows(InputException.class, () -> IdxDirectory.load(dir));
        assertTrue(e.getMessage().contains("no t10k-labels file"), e.getMessage());
    }

    @Test
    void realFashionMnist() {
        Path dir = RealData.fashionMnist();
        long start = System.nanoTime();
        DataSplit split = IdxDirectory.load(dir);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Fashion-MNIST loaded in %.2f s%n", seconds);

        Dataset train = split.train();
        assertEquals(60_000, train.n());
        assertEquals(10_000, split.test().n());
        assertEquals(784, train.dim());
        assertEquals(28, train.height());
        assertEquals(9, train.labels()[0], "the first training image is an ankle boot");
        int[] counts = new int[10];
        for (int label : train.labels()) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, counts);
        float max = 0;
        for (float v : train.x()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
    }
}
