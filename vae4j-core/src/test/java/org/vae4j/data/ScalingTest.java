package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScalingTest {

    @Test
    void fitFindsColumnMinAndMax() {
        float[] x = {1f, 5f, 3f, -2f, 5f, 0f};
        Scaling s = Scaling.fit(x, 3, 2);
        assertArrayEquals(new float[] {1f, -2f}, s.min());
        assertArrayEquals(new float[] {5f, 5f}, s.max());
    }

    @Test
    void applyMapsMinToZeroMaxToOneAndClamps() {
        Scaling s = new Scaling(new float[] {2f, -1f, 3f}, new float[] {6f, 1f, 3f});
        float[] x = {2f, -1f, 3f, 6f, 1f, 3f, 3f, 0f, 7f, 10f, -5f, -4f};
        s.applyInPlace(x, 4, 3);
        // (v - min) / (max - min); the constant third column maps to 0; out-of-range values clamp
        assertArrayEquals(new float[] {0f, 0f, 0f, 1f, 1f, 0f, 0.25f, 0.5f, 0f, 1f, 0f, 0f}, x, 1e-7f);
    }

    @Test
    void rejectsMismatchedShapes() {
        Scaling s = new Scaling(new float[] {0f}, new float[] {1f});
        assertThrows(IllegalArgumentException.class, () -> s.applyInPlace(new float[4], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Scaling(new float[] {1f}, new float[] {0f}));
        assertThrows(IllegalArgumentException.class, () -> new Scaling(new float[2], new float[3]));
    }
}
