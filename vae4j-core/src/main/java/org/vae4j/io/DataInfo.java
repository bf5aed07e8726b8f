package org.vae4j.io;

/**
 * What a model was trained on, saved with it.
 *
 * @param name the data's name
 * @param fingerprint a checksum of the training values
 * @param scaleMin per-column minimum used to scale tabular data to [0, 1], or null
 * @param scaleMax per-column maximum, or null
 */
public record DataInfo(String name, String fingerprint, int trainSize, int testSize, float[] scaleMin,
        float[] scaleMax) {
}
