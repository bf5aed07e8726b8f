package org.vae4j.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vae4j.data.IdxImages;
import org.vae4j.error.InputException;

/** The .vae format: it reads back what was written, and every kind of damage is an InputException. */
class CompressedFileTest {

    private static final Path SOURCE = Path.of("damaged.vae");
    private static final ToyModel MODEL = new ToyModel(3, 16, 2, 1);
    private static final byte[] FINGERPRINT = new byte[ModelFingerprint.LENGTH];
    private static final Compressor COMPRESSOR = new Compressor(MODEL, FINGERPRINT, CoderSettings.DEFAULT);
    private static final IdxImages IMAGES = BbAnsTest.randomImages(40, 4, 4, new ByteLevels(2), 3);

    private static byte[] bytes() {
        return COMPRESSOR.compress(IMAGES, 16, 1, 5, i -> { }).toBytes();
    }

    @Test
    void headerFieldsReadBack() {
        CompressedFile file = CompressedFile.read(SOURCE, bytes());
        assertEquals(40, file.count());
        assertEquals(4, file.height());
        assertEquals(4, file.width());
        assertEquals(2, file.levels());
        assertEquals(CoderSettings.DEFAULT, file.settings());
        assertEquals(3, file.chunks().size());
        assertArrayEquals(CompressedFile.pixelsSha256(IMAGES), file.pixelsSha256());
        assertArrayEquals(bytes(), file.toBytes());
    }

    /** Every shorter prefix is refused, naming the file. */
    @Test
    void everyTruncationIsRefused() {
        byte[] full = bytes();
        for (int length = 0; length < full.length; length++) {
            byte[] cut = Arrays.copyOf(full, length);
            InputException e = assertThrows(InputException.class, () -> CompressedFile.read(SOURCE, cut), "length " + length);
            assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
            if (length >= 8) {
                assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
            }
        }
    }

    /** Flipping any one bit anywhere is refused (CRC32C detects every single-bit error). */
    @Test
    void everyFlippedBitIsRefused() {
        byte[] full = bytes();
        for (int i = 0; i < full.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = full.clone();
                flipped[i] ^= (byte) (1 << bit);
                assertThrows(InputException.class, () -> decode(flipped), "byte " + i + " bit " + bit);
            }
        }
    }

    /**
     * Damage the CRC cannot see (the stream changed and the CRC recomputed) still never yields a wrong
     * image: the seed-bits check or the pixel SHA-256 catches it, for each of the stream's bytes.
     */
    @Test
    void damageBehindAValidCrcIsCaughtByTheDecoder() {
        byte[] full = bytes();
        CompressedFile file = CompressedFile.read(SOURCE, full);
        int streamStart = full.length - 4 - file.chunks().stream().mapToInt(c -> c.stream().length).sum();
        for (int i = streamStart; i < full.length - 4; i++) {
            byte[] flipped = full.clone();
            flipped[i] ^= 0x10;
            ByteBuffer.wrap(flipped).putInt(flipped.length - 4, (int) CompressedFile.crc(flipped, flipped.length - 4));
            InputException e = assertThrows(InputException.class, () -> decode(flipped), "byte " + i);
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        }
    }

    @Test
    void anotherModelIsRefused() {
        byte[] other = FINGERPRINT.clone();
        other[0] = 1;
        Compressor wrong = new Compressor(MODEL, other, CoderSettings.DEFAULT);
        InputException e = assertThrows(InputException.class,
                () -> wrong.decompress(CompressedFile.read(SOURCE, bytes()), SOURCE, 1, i -> { }));
        assertTrue(e.getMessage().contains("different model"), e.getMessage());
    }

    @Test
    void notAVaeFileIsRefused() {
        InputException e = assertThrows(InputException.class, () -> CompressedFile.read(SOURCE, new byte[100]));
        assertEquals(SOURCE + ": not a vae4j compressed file (no VAE4J-BB magic bytes)", e.getMessage());
    }

    /** Bytes that are not one of the model's levels are refused, naming image, pixel and value. */
    @Test
    void nonBinaryPixelsAreRefusedForABinaryModel() {
        byte[] pixels = IMAGES.pixels().clone();
        pixels[16 * 7 + 5] = (byte) 128;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> COMPRESSOR.compress(new IdxImages(40, 4, 4, pixels), 16, 1, 5, i -> { }));
        assertEquals("image 7, pixel 5 is 128, but a model with 2 levels codes only 0 and 255 "
                + "(binarize the images first: vae4j binarize)", e.getMessage());
    }

    private static IdxImages decode(byte[] bytes) {
        return COMPRESSOR.decompress(CompressedFile.read(SOURCE, bytes), SOURCE, 1, i -> { });
    }
}
