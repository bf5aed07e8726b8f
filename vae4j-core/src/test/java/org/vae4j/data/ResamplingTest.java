package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.vae4j.data.ImagePixelsTest.bytes;

import org.junit.jupiter.api.Test;

class ResamplingTest {

    @Test
    void checkerboardOfBlocksShrinksToTheBlockValues() {
        // 4x4 of 2x2 blocks: 0 and 200 on top, 100 and 50 below
        Picture board = new Picture(4, 4, 1, bytes(
                0, 0, 200, 200,
                0, 0, 200, 200,
                100, 100, 50, 50,
                100, 100, 50, 50));
        Picture small = Resampling.resize(board, new ImageSize(2, 2));
        assertEquals(new ImageSize(2, 2), small.size());
        assertArrayEquals(bytes(0, 200, 100, 50), small.values());
    }

    @Test
    void areaAveragingWeighsPartlyCoveredPixels() {
        // 3 -> 2: output 0 covers pixel 0 and half of pixel 1, (0 + 90 / 2) / 1.5 = 30;
        // output 1 the other half and pixel 2, (45 + 180) / 1.5 = 150
        Picture row = new Picture(1, 3, 1, bytes(0, 90, 180));
        assertArrayEquals(bytes(30, 150), Resampling.resize(row, new ImageSize(1, 2)).values());
    }

    @Test
    void upscalingIsBilinearWithAlignedCentres() {
        // 2 -> 4 samples the input at -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        Picture row = new Picture(1, 2, 1, bytes(0, 200));
        assertArrayEquals(bytes(0, 50, 150, 200), Resampling.resize(row, new ImageSize(1, 4)).values());
        // and down a column: 1 -> 3 repeats the one row
        Picture column = Resampling.resize(row, new ImageSize(3, 2));
        assertArrayEquals(bytes(0, 200, 0, 200, 0, 200), column.values());
    }

    @Test
    void channelsAreResizedApart() {
        Picture rgb = new Picture(2, 2, 3, bytes(
                10, 0, 255, 20, 0, 255,
                30, 0, 255, 40, 0, 255));
        Picture one = Resampling.resize(rgb, new ImageSize(1, 1));
        assertEquals(3, one.channels());
        assertArrayEquals(bytes(25, 0, 255), one.values());
        assertSame(rgb, Resampling.resize(rgb, new ImageSize(2, 2)));
    }
}
