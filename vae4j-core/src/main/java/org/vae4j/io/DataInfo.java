package org.vae4j.io;

import java.util.List;
import org.vae4j.data.ImageSize;

/**
 * What a model was trained on, saved with it.
 *
 * @param name the data's name
 * @param fingerprint a checksum of the training values
 * @param scaleMin per-column minimum used to scale tabular data to [0, 1], or null
 * @param scaleMax per-column maximum, or null
 * @param classNames the names of the classes 0, 1, ... (a folder of images in class folders), or null
 * @param resize the size a folder's images were resized to, or null
 */
public record DataInfo(String name, String fingerprint, int trainSize, int testSize, float[] scaleMin,
        float[] scaleMax, List<String> classNames, ImageSize resize) {

    public DataInfo {
        classNames = classNames == null ? null : List.copyOf(classNames);
    }

    /** Data without class names or a resize. */
    public DataInfo(String name, String fingerprint, int trainSize, int testSize, float[] scaleMin,
            float[] scaleMax) {
        this(name, fingerprint, trainSize, testSize, scaleMin, scaleMax, null, null);
    }
}
