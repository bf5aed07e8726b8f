package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** Three 2x2 "images": example i holds 10i + 1 .. 10i + 4 (scaled by 1/100). */
    private static Dataset threeImages() {
        float[] x = new float[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (10 * i + j + 1) / 100f;
            }
        }
        return new Dataset("tiny", x, new int[] {7, 8, 9}, 3, 4, 2, 2);
    }

    @Test
    void rowIsACopyOfOneExample() {
        Dataset d = threeImages();
        float[] row = d.row(1);
        assertArrayEquals(new float[] {0.11f, 0.12f, 0.13f, 0.14f}, row);
        row[0] = 99f;
        assertEquals(0.11f, d.x()[4]);
        assertThrows(IndexOutOfBoundsException.class, () -> d.row(3));
    }

    @Test
    void headAndSubsetCopyRowsAndLabels() {
        Dataset d = threeImages();
        Dataset head = d.head(2);
        assertEquals(2, head.n());
        assertArrayEquals(new int[] {7, 8}, head.labels());
        assertArrayEquals(d.row(1), head.row(1));

        Dataset sub = d.subset(new int[] {2, 0, 2});
        assertEquals(3, sub.n());
        assertArrayEquals(new int[] {9, 7, 9}, sub.labels());
        assertArrayEquals(new float[] {0.21f, 0.22f, 0.23f, 0.24f}, sub.row(0));
        assertArrayEquals(new float[] {0.01f, 0.02f, 0.03f, 0.04f}, sub.row(1));
        assertEquals(2, sub.height());
        assertThrows(IllegalArgumentException.class, () -> d.head(0));
        assertThrows(IndexOutOfBoundsException.class, () -> d.subset(new int[] {3}));
    }

    @Test
    void unlabelledDataStaysUnlabelled() {
        Dataset d = Dataset.tabular("t", new float[] {0f, 1f, 0.5f, 0.25f}, null, 2, 2);
        assertFalse(d.hasLabels());
        assertNull(d.subset(new int[] {1}).labels());
        assertEquals(1, d.height());
        assertEquals(2, d.width());
        assertTrue(threeImages().hasLabels());
    }

    @Test
    void constructorRejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class, () -> new Dataset("a", new float[5], null, 2, 2, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Dataset("a", new float[4], null, 1, 4, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new Dataset("a", new float[0], null, 0, 4, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Dataset("a", new float[4], new int[1], 2, 2, 1, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("a", new float[4], new int[] {0, -1}, 2, 2, 1, 2));
    }

    @Test
    void equalityComparesContents() {
        assertEquals(threeImages(), threeImages());
        assertEquals(threeImages().hashCode(), threeImages().hashCode());
        assertFalse(threeImages().equals(threeImages().head(2)));
    }

    /** Two 1x2 RGB images as 8-bit pixels: example i, pixel c, channel k holds 100i + 10c + k. */
    private static Dataset twoColourImages() {
        byte[] pixels = new byte[12];
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 2; c++) {
                for (int k = 0; k < 3; k++) {
                    pixels[i * 6 + c * 3 + k] = (byte) (100 * i + 10 * c + k);
                }
            }
        }
        return Dataset.ofPixels("rgb", pixels, new int[] {0, 1}, 2, 1, 2, 3);
    }

    @Test
    void colourImagesAreChannelsLast() {
        Dataset d = twoColourImages();
        assertEquals(3, d.channels());
        assertEquals(6, d.dim());
        // example 1, pixel (0, 1), channel 2: value (0 * 2 + 1) * 3 + 2 = 5 of the row
        assertEquals(112 / 255f, d.row(1)[5]);
        assertEquals("Dataset[rgb, n=2, dim=6 (1x2x3), labelled]", d.toString());
        assertEquals("Dataset[tiny, n=3, dim=4 (2x2), labelled]", threeImages().toString());
        assertEquals(1, threeImages().channels());
        assertEquals(1, Dataset.tabular("t", new float[2], null, 1, 2).channels());
        assertEquals(1, Dataset.ofPixels("g", new byte[4], null, 1, 2, 2).channels());
    }

    @Test
    void subsetHeadAndBinarizedKeepChannels() {
        Dataset d = twoColourImages();
        Dataset sub = d.subset(new int[] {1});
        assertEquals(3, sub.channels());
        assertArrayEquals(d.row(1), sub.row(0));
        assertEquals(3, d.head(1).channels());
        assertEquals(3, d.binarized(1).channels());
        Dataset floats = new Dataset("rgb", d.x(), d.labels(), 2, 6, 1, 2, 3);
        assertEquals(d, floats);
        assertEquals(d.hashCode(), floats.hashCode());
        assertFalse(d.equals(new Dataset("rgb", d.x(), d.labels(), 2, 6, 1, 6, 1)));
        assertFalse(d.equals(new Dataset("rgb", d.x(), d.labels(), 2, 6, 2, 1, 3)));
    }

    @Test
    void channelsMustMatchDim() {
        assertThrows(IllegalArgumentException.class, () -> new Dataset("a", new float[4], null, 1, 4, 2, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new Dataset("a", new float[4], null, 1, 4, 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Dataset.ofPixels("a", new byte[12], null, 1, 2, 2, 1));
    }

    @Test
    void splitCarriesClassNamesThatCoverItsLabels() {
        Dataset d = twoColourImages();
        DataSplit split = new DataSplit(d, d, null, "here", List.of("cat", "dog"));
        assertEquals(List.of("cat", "dog"), split.classNames());
        assertNull(new DataSplit(d, d, null, "here").classNames());
        assertThrows(IllegalArgumentException.class, () -> new DataSplit(d, d, null, "here", List.of("cat")));
        Dataset unlabelled = Dataset.ofPixels("rgb", d.pixels(), null, 2, 1, 2, 3);
        assertThrows(IllegalArgumentException.class,
                () -> new DataSplit(unlabelled, unlabelled, null, "here", List.of("cat")));
        Dataset gray = Dataset.ofPixels("g", new byte[12], new int[] {0, 1}, 2, 1, 6);
        assertThrows(IllegalArgumentException.class, () -> new DataSplit(d, gray, null, "here"));
    }

    /** The subset every --n takes: each class in proportion, the same examples every time, in the data's order. */
    @Test
    void stratifiedSubset() {
        int n = 100;
        int[] labels = new int[n];
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < 60 ? 0 : i < 90 ? 1 : 2;   // 60 / 30 / 10, sorted by class as test sets often are
            x[i] = i;
        }
        Dataset data = Dataset.tabular("t", x, labels, n, 1);
        Dataset ten = data.stratifiedSubset(10);
        assertEquals(10, ten.n());
        int[] counts = new int[3];
        for (int label : ten.labels()) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {6, 3, 1}, counts, "each class by its share");
        for (int i = 1; i < ten.n(); i++) {
            assertTrue(ten.x()[i] > ten.x()[i - 1], "in the data's order");
        }
        assertEquals(ten, data.stratifiedSubset(10), "the same subset every time");
        // 7 examples: shares 4.2, 2.1, 0.7: floors 4, 2, 0, and the one left goes to the largest remainder (class 2)
        int[] seven = new int[3];
        for (int label : data.stratifiedSubset(7).labels()) {
            seven[label]++;
        }
        assertArrayEquals(new int[] {4, 2, 1}, seven);
        assertSame(data, data.stratifiedSubset(100));
        assertSame(data, data.stratifiedSubset(500));
        // unlabelled data: a random subset, not the first rows
        Dataset plain = Dataset.tabular("p", x, null, n, 1);
        Dataset some = plain.stratifiedSubset(10);
        assertEquals(10, some.n());
        assertTrue(some.x()[9] > 9, "spread over the data, not its head");
    }
}
