package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.error.InputException;
import org.vae4j.error.SettingException;

class ImageFolderTest {

    @TempDir
    Path tmp;

    @Test
    void classFoldersGiveLabelsAndNamesInSortedOrder() throws IOException {
        Path dir = tmp.resolve("pets");
        // the pixel value says the class: dog 1..2, cat 11..13; written out of order, read sorted
        ImageTestFiles.dots(dir, Map.of("dog/b.png", 2, "dog/A.PNG", 1, "cat/x.png", 11, "cat/deeper/y.png", 12,
                "cat/z.jpeg", 13));
        // ignored: a hidden file, a hidden folder, a file that is not an image, a hidden class folder
        Files.writeString(dir.resolve("cat/.hidden.png"), "not a picture");
        ImageTestFiles.dot(dir.resolve("cat/.thumbs"), "t.png", 99);
        Files.writeString(dir.resolve("dog/notes.txt"), "good dogs");
        ImageTestFiles.dot(dir.resolve(".trash"), "old.png", 99);

        DataSplit split = ImageFolder.load(dir, DataOptions.defaults());
        assertEquals(List.of("cat", "dog"), split.classNames());
        assertEquals(4, split.train().n());
        assertEquals(1, split.test().n());
        assertEquals("pets", split.train().name());
        assertEquals(1, split.train().channels());
        for (Dataset part : List.of(split.train(), split.test())) {
            for (int i = 0; i < part.n(); i++) {
                int value = part.pixels()[i] & 0xff;
                assertEquals(value > 10 ? 0 : 1, part.labels()[i], "image of value " + value);
            }
        }
        assertNull(split.scaling());
        assertEquals(dir.toAbsolutePath() + " (test fraction 0.2, seed 1)", split.source());
    }

    @Test
    void trainAndTestFoldersAreTheSplit() {
        Path dir = tmp.resolve("tt");
        ImageTestFiles.dots(dir, Map.of("train/b/1.png", 21, "train/a/2.png", 12, "train/a/1.png", 11,
                "test/a/1.png", 31, "test/b/1.png", 41));
        DataSplit split = ImageFolder.load(dir, DataOptions.defaults());
        assertArrayEquals(ImagePixelsTest.bytes(11, 12, 21), split.train().pixels());
        assertArrayEquals(new int[] {0, 0, 1}, split.train().labels());
        assertArrayEquals(ImagePixelsTest.bytes(31, 41), split.test().pixels());
        assertArrayEquals(new int[] {0, 1}, split.test().labels());
        assertEquals(List.of("a", "b"), split.classNames());
        assertTrue(split.source().endsWith("(train and test folders)"), split.source());

        Path flat = tmp.resolve("flat");
        ImageTestFiles.dots(flat, Map.of("train/1.png", 1, "train/2.png", 2, "test/1.png", 3));
        DataSplit unlabelled = ImageFolder.load(flat, DataOptions.defaults());
        assertFalse(unlabelled.train().hasLabels());
        assertNull(unlabelled.classNames());
        assertArrayEquals(ImagePixelsTest.bytes(3), unlabelled.test().pixels());
    }

    @Test
    void trainAndTestWithOtherClassesAreRefused() {
        Path dir = tmp.resolve("tt");
        ImageTestFiles.dots(dir, Map.of("train/a/1.png", 1, "train/b/1.png", 1, "test/a/1.png", 1, "test/c/1.png", 1));
        assertEquals(dir.resolve("test") + ": has the class folders \"a\", \"c\", but " + dir.resolve("train")
                + " has the class folders \"a\", \"b\"; give both the same classes", refusal(dir));

        Path half = tmp.resolve("half");
        ImageTestFiles.dots(half, Map.of("train/1.png", 1, "2.png", 1));
        assertEquals(half + ": has a train folder but no test folder; give both, or name no folder train or test",
                refusal(half));
        ImageTestFiles.dot(half.resolve("test"), "1.png", 1);
        assertEquals(half + ": has train and test folders, and also \"2.png\"; keep only train and test there",
                refusal(half));
    }

    @Test
    void seededSplitIsReproducibleAndDependsOnTheSeed() {
        Path dir = tmp.resolve("twenty");
        for (int i = 0; i < 20; i++) {
            ImageTestFiles.dot(dir, String.format("%02d.png", i), 10 * i);
        }
        DataOptions seed1 = new DataOptions(null, 0.25, null, 1, null);
        DataSplit first = ImageFolder.load(dir, seed1);
        DataSplit again = ImageFolder.load(dir, seed1);
        DataSplit other = ImageFolder.load(dir, new DataOptions(null, 0.25, null, 2, null));
        assertEquals(first.train(), again.train());
        assertEquals(first.test(), again.test());
        assertNotEquals(first.test(), other.test());
        assertEquals(15, first.train().n());
        assertEquals(5, first.test().n());
        // the split is CSV's: rows kept in reading order, the held-out ones those the same shuffle picks
        int[][] rows = CsvReader.splitRows(dir, 20, "image", 0.25, 1);
        int[] held = new int[5];
        for (int k = 0; k < 5; k++) {
            held[k] = rows[1][k] * 10;
            assertEquals(held[k], first.test().pixels()[k] & 0xff);
        }
        assertFalse(first.train().hasLabels());
        assertEquals(dir.toAbsolutePath() + " (test fraction 0.25, seed 1)", first.source());
    }

    @Test
    void mixedSizesAreRefusedNamingTheFile() {
        Path dir = tmp.resolve("sizes");
        ImageTestFiles.write(ImageTestFiles.gray(28, 28, new int[28 * 28]), dir.resolve("a.png"), "png");
        Path odd = ImageTestFiles.write(ImageTestFiles.gray(30, 28, new int[30 * 28]), dir.resolve("b.png"), "png");
        assertEquals(odd + ": 30x28, but a.png is 28x28; resize them all (e.g. 28x28)", refusal(dir));

        DataSplit resized = ImageFolder.load(dir, DataOptions.defaults().withResize(new ImageSize(7, 5)));
        assertEquals(7, resized.train().height());
        assertEquals(5, resized.train().width());
        assertEquals(35, resized.test().dim());
        assertTrue(resized.source().endsWith(", resized to 7x5)"), resized.source());
    }

    @Test
    void resizeGivesTheBlockValuesOfACheckerboard() {
        Path dir = tmp.resolve("board");
        int[] board = {0, 0, 200, 200, 0, 0, 200, 200, 100, 100, 50, 50, 100, 100, 50, 50};
        ImageTestFiles.write(ImageTestFiles.gray(4, 4, board), dir.resolve("train/1.png"), "png");
        ImageTestFiles.write(ImageTestFiles.gray(2, 2, 1, 2, 3, 4), dir.resolve("test/1.png"), "png");
        DataSplit split = ImageFolder.load(dir, DataOptions.defaults().withResize(new ImageSize(2, 2)));
        assertArrayEquals(ImagePixelsTest.bytes(0, 200, 100, 50), split.train().pixels());
        assertArrayEquals(ImagePixelsTest.bytes(1, 2, 3, 4), split.test().pixels());
    }

    @Test
    void oneColourImageMakesTheSetColourAndGrayOnesRepeat() {
        Path dir = tmp.resolve("mixed");
        ImageTestFiles.dot(dir.resolve("train"), "gray.png", 7);
        ImageTestFiles.write(ImageTestFiles.argb(BufferedImage.TYPE_INT_RGB, 1, 1, 0x010203),
                dir.resolve("train/rgb.png"), "png");
        ImageTestFiles.write(ImageTestFiles.argb(BufferedImage.TYPE_INT_RGB, 1, 1, 0x090909),
                dir.resolve("test/rgb-gray.png"), "png");
        DataSplit split = ImageFolder.load(dir, DataOptions.defaults());
        assertEquals(3, split.train().channels());
        assertEquals(3, split.test().channels());
        assertArrayEquals(ImagePixelsTest.bytes(7, 7, 7, 1, 2, 3), split.train().pixels());
        assertArrayEquals(ImagePixelsTest.bytes(9, 9, 9), split.test().pixels());
    }

    @Test
    void badFoldersAreRefusedNamingWhere() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no pictures here");
        assertEquals(empty + ": no images (.png, .jpg or .jpeg files)", refusal(empty));

        Path fake = tmp.resolve("fake");
        ImageTestFiles.dot(fake, "a.png", 1);
        Path notImage = Files.writeString(fake.resolve("b.png"), "1,2,3\n");
        assertTrue(refusal(fake).startsWith(notImage + ": not an image"), refusal(fake));

        Path classes = tmp.resolve("classes");
        ImageTestFiles.dot(classes.resolve("cat"), "a.png", 1);
        Files.writeString(Files.createDirectories(classes.resolve("dog")).resolve("dog.txt"), "woof");
        assertEquals(classes.resolve("dog") + ": a class folder with no images (.png, .jpg or .jpeg files)",
                refusal(classes));

        Path both = tmp.resolve("both");
        ImageTestFiles.dot(both.resolve("cat"), "a.png", 1);
        ImageTestFiles.dot(both, "b.png", 1);
        assertEquals(both + ": holds both images (\"b.png\") and sub-folders (\"cat\"); put every image in a class"
                + " folder, or use no sub-folders", refusal(both));

        Path one = tmp.resolve("one");
        ImageTestFiles.dot(one, "a.png", 1);
        assertEquals(one + ": only 1 image; cannot split it into train and test", refusal(one));

        Path missing = tmp.resolve("missing");
        assertEquals(missing + ": no such directory", refusal(missing));
    }

    @Test
    void theFirstBadFileInOrderIsReportedWhateverThreadReadIt() throws IOException {
        Path dir = tmp.resolve("bad");
        for (int i = 0; i < 12; i++) {
            ImageTestFiles.dot(dir, "f" + (char) ('a' + i) + ".png", i);
        }
        Files.writeString(dir.resolve("fh.png"), "not a picture");
        Files.writeString(dir.resolve("fj.png"), "nor this");
        assertTrue(refusal(dir).startsWith(dir.resolve("fh.png") + ": not an image"), refusal(dir));
        // a size mismatch before the bad files is what the reader meets first
        ImageTestFiles.write(ImageTestFiles.gray(1, 2, 0, 0), dir.resolve("fc.png"), "png");
        assertEquals(dir.resolve("fc.png") + ": 1x2, but fa.png is 1x1; resize them all (e.g. 1x1)", refusal(dir));
    }

    @Test
    void fashionMnistWrittenAsPngsComesBackExactly() {
        Path idx = RealData.fashionMnist();
        Dataset images = IdxDirectory.load(idx).test().head(300);
        Path dir = tmp.resolve("fashion-png");
        for (int i = 0; i < images.n(); i++) {
            int[] values = new int[images.dim()];
            for (int j = 0; j < values.length; j++) {
                values[j] = images.pixels()[i * images.dim() + j] & 0xff;
            }
            String part = i < 200 ? "train/" : "test/";
            ImageTestFiles.write(ImageTestFiles.gray(28, 28, values),
                    dir.resolve(part + images.labels()[i] + String.format("/%03d.png", i)), "png");
        }
        DataSplit split = ImageFolder.load(dir, DataOptions.defaults());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), split.classNames());
        // read class by class: the same images as the IDX file's, stably sorted by label
        for (int[] range : new int[][] {{0, 200}, {200, 300}}) {
            Dataset part = range[0] == 0 ? split.train() : split.test();
            Integer[] order = new Integer[range[1] - range[0]];
            Arrays.setAll(order, k -> range[0] + k);
            Arrays.sort(order, (a, b) -> Integer.compare(images.labels()[a], images.labels()[b]));
            Dataset expected = images.subset(Arrays.stream(order).mapToInt(Integer::intValue).toArray());
            assertArrayEquals(expected.labels(), part.labels());
            assertArrayEquals(expected.pixels(), part.pixels());
        }
    }

    @Test
    void dataSourcesReadsImageFoldersAndKeepsIdxFolders() throws IOException {
        Path dir = tmp.resolve("pics");
        for (int i = 0; i < 10; i++) {
            ImageTestFiles.dot(dir.resolve(i % 2 == 0 ? "even" : "odd"), i + ".png", i);
        }
        DataSplit split = DataSources.resolve(dir.toString(), new DataOptions(null, 0.5, null, 3, null));
        assertEquals(5, split.test().n());
        assertEquals(List.of("even", "odd"), split.classNames());
        assertTrue(DataSources.isImageData(dir.toString()));
        InputException labelled = assertThrows(InputException.class,
                () -> DataSources.resolve(dir.toString(), new DataOptions("label", 0.2, null, 1, null)));
        assertTrue(labelled.getMessage().startsWith(dir + ": a label column"), labelled.getMessage());

        Path idx = tmp.resolve("idx");
        IdxTestFiles.mnistDir(idx, 6, 4, 2, 3, false);
        assertEquals(4, DataSources.resolve(idx.toString(), null).test().n());
        DataOptions resize = DataOptions.defaults().withResize(new ImageSize(2, 2));
        SettingException e = assertThrows(SettingException.class, () -> DataSources.resolve(idx.toString(), resize));
        assertEquals("resize", e.setting());
        assertEquals("a resize applies to folders of PNG or JPEG images only, and " + idx
                + " is a folder of IDX files", e.getMessage());
        Path csv = Files.writeString(tmp.resolve("t.csv"), "a,b\n1,2\n3,4\n");
        assertThrows(SettingException.class, () -> DataSources.resolve(csv.toString(), resize));
        // only the first file of an incomplete IDX folder: still an IDX folder, with IDX's complaint
        Path partial = Files.createDirectories(tmp.resolve("partial"));
        Files.copy(idx.resolve("t10k-images-idx3-ubyte"), partial.resolve("t10k-images-idx3-ubyte"));
        InputException idxError = assertThrows(InputException.class,
                () -> DataSources.resolve(partial.toString(), null));
        assertTrue(idxError.getMessage().startsWith(partial + ": no train-images file"), idxError.getMessage());
    }

    @Test
    void imageSizeParsesHeightByWidth() {
        assertEquals(new ImageSize(32, 48), ImageSize.parse(" 32X48 "));
        assertEquals("28x28", ImageSize.parse("28x28").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageSize.parse("28"));
        assertEquals("an image size is HEIGHTxWIDTH, e.g. 28x28, got \"28\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageSize.parse("0x28"));
        assertThrows(IllegalArgumentException.class, () -> ImageSize.parse("28x28x3"));
        assertThrows(IllegalArgumentException.class, () -> new ImageSize(100_000, 100_000));
    }

    private static String refusal(Path dir) {
        return assertThrows(InputException.class, () -> ImageFolder.load(dir, DataOptions.defaults())).getMessage();
    }
}
