package org.vae4j.compress;

import org.vae4j.codec.RansStack;

/**
 * How latents and pixels are quantised for coding; both are written in the file header.
 *
 * @param bucketBits b: each latent dimension is cut into 2^b buckets of equal mass under N(0, 1)
 * @param precision p: every distribution is quantised to integer frequencies out of 2^p; p >= b + 8 so
 *     that the floor of one unit per bucket costs little
 */
public record CoderSettings(int bucketBits, int precision) {

    /** 2^8 buckets per latent, frequencies out of 2^20: on binarized digits 2^6, 2^8 and 2^12 buckets gave
     * rates within 0.15% of each other, while the cost of q(z|x)'s bucket masses grows as 2^b. */
    public static final CoderSettings DEFAULT = new CoderSettings(8, 20);

    public CoderSettings {
        if (bucketBits < 1 || bucketBits > 16) {
            throw new IllegalArgumentException("--bucket-bits must be 1 to 16, got " + bucketBits);
        }
        if (precision < bucketBits + 8 || precision > RansStack.MAX_PRECISION) {
            throw new IllegalArgumentException("--precision must be " + (bucketBits + 8) + " (the bucket bits + 8) to "
                    + RansStack.MAX_PRECISION + ", got " + precision);
        }
    }
}
