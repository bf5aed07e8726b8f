package org.vae4j.compress;

import java.util.Arrays;

/**
 * The pixel bytes 0..255 that a model with V levels can code: level v is the byte round(255 v / (V - 1)),
 * so x = v / (V - 1) = byte / 255 as the model saw it in training. For V = 2 the bytes are 0 and 255; for
 * V = 256 every byte is its own level. Any other byte has no level and is refused, never rounded: the
 * compression is lossless.
 */
public final class ByteLevels {

    private final int levels;
    private final int[] levelOfByte = new int[256];
    private final byte[] byteOfLevel;

    /** @param levels V, 2 to 256 */
    public ByteLevels(int levels) {
        if (levels < 2 || levels > 256) {
            throw new IllegalArgumentException("8-bit images can be coded with 2 to 256 levels, not " + levels);
        }
        this.levels = levels;
        Arrays.fill(levelOfByte, -1);
        byteOfLevel = new byte[levels];
        for (int v = 0; v < levels; v++) {
            int b = (int) Math.round(255.0 * v / (levels - 1)); // byte = round(255 v / (V - 1))
            byteOfLevel[v] = (byte) b;
            levelOfByte[b] = v;
        }
    }

    public int levels() {
        return levels;
    }

    /** The level of an unsigned pixel byte, or -1 if the byte is not one of the V levels. */
    public int levelOf(int unsignedByte) {
        return levelOfByte[unsignedByte];
    }

    /** The byte that stands for level v. */
    public byte byteOf(int level) {
        return byteOfLevel[level];
    }

    /** The bytes of the levels, e.g. "0 and 255", for messages. */
    public String describe() {
        if (levels == 256) {
            return "any byte 0..255";
        }
        if (levels == 2) {
            return "0 and 255";
        }
        return levels + " levels " + (byteOfLevel[0] & 0xff) + ", " + (byteOfLevel[1] & 0xff) + ", ..., 255";
    }

    /**
     * The levels of image i of a pixel array, D bytes per image.
     *
     * @throws IllegalArgumentException naming the image, the pixel and its value if a byte has no level
     */
    public int[] levelsOf(byte[] pixels, int image, int dim) {
        int[] out = new int[dim];
        int offset = image * dim;
        for (int d = 0; d < dim; d++) {
            int b = pixels[offset + d] & 0xff;
            int v = levelOfByte[b];
            if (v < 0) {
                throw new IllegalArgumentException("image " + image + ", pixel " + d + " is " + b + ", but a model with "
                        + levels + " levels codes only " + describe() + (levels == 2
                                ? " (binarize the images first: vae4j binarize)" : ""));
            }
            out[d] = v;
        }
        return out;
    }
}
