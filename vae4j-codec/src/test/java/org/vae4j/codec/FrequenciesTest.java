package org.vae4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrequenciesTest {

    @Test
    void everySlotFindsTheSymbolThatOwnsIt() {
        Frequencies distribution = Frequencies.of(6, 1, 30, 2, 1, 25, 5);
        assertEquals(6, distribution.size());
        int[] expectedStarts = {0, 1, 31, 33, 34, 59};
        for (int s = 0; s < 6; s++) {
            assertEquals(expectedStarts[s], distribution.start(s));
        }
        for (int slot = 0; slot < 64; slot++) {
            int s = distribution.symbolAt(slot);
            assertEquals(true, distribution.start(s) <= slot && slot < distribution.start(s) + distribution.frequency(s),
                    "slot " + slot);
        }
        assertThrows(IllegalArgumentException.class, () -> distribution.symbolAt(64));
        assertThrows(IllegalArgumentException.class, () -> distribution.symbolAt(-1));
    }

    @Test
    void entropyAndCodeLengths() {
        Frequencies dyadic = Frequencies.of(3, 4, 2, 1, 1);
        assertEquals(1.75, dyadic.entropyBits(), 1e-15); // -(1/2 log 1/2 + 1/4 log 1/4 + 2/8 log 1/8)
        assertEquals(3.0, dyadic.codeLengthBits(3), 1e-15);
        assertEquals(0.25, dyadic.probability(1));
        assertEquals(0.0, Frequencies.of(24, 1 << 24).entropyBits());
    }

    @Test
    void rejectsBadTables() {
        assertThrows(IllegalArgumentException.class, () -> Frequencies.of(3, 4, 2, 1)); // sums to 7
        assertThrows(IllegalArgumentException.class, () -> Frequencies.of(3, 8, 0)); // a zero frequency
        assertThrows(IllegalArgumentException.class, () -> Frequencies.of(3));
        assertThrows(IllegalArgumentException.class, () -> Frequencies.of(25, 1 << 24, 1 << 24));
    }
}
