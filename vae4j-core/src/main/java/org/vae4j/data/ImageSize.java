package org.vae4j.data;

import java.util.Locale;

/**
 * The size of a picture in pixels, written HEIGHTxWIDTH ("28x28", "32x48": 32 rows of 48 pixels).
 *
 * @param height rows, at least 1
 * @param width columns, at least 1
 */
public record ImageSize(int height, int width) {

    /** The most pixels an image may have, so that three channels of it still fit one Java array. */
    public static final int MAX_PIXELS = Integer.MAX_VALUE / 3;

    public ImageSize {
        if (height < 1 || width < 1 || (long) height * width > MAX_PIXELS) {
            throw new IllegalArgumentException("an image size needs a height and a width of at least 1 and at most "
                    + MAX_PIXELS + " pixels in all, got " + height + "x" + width);
        }
    }

    /**
     * @param text HEIGHTxWIDTH, e.g. "28x28" (an upper-case X and spaces around the numbers are allowed)
     * @return that size
     * @throws IllegalArgumentException when the text is not two positive numbers joined by x
     */
    public static ImageSize parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x", -1);
        if (parts.length == 2) {
            try {
                return new ImageSize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                // said below
            }
        }
        throw new IllegalArgumentException("an image size is HEIGHTxWIDTH, e.g. 28x28, got "
                + ReadErrors.quote(text));
    }

    /** @return the pixels per channel, height * width */
    public int pixels() {
        return height * width;
    }

    /** @return HEIGHTxWIDTH, e.g. "28x28" */
    @Override
    public String toString() {
        return height + "x" + width;
    }
}
