package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
