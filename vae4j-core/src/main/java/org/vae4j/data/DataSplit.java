package org.vae4j.data;

import java.util.List;
import java.util.Objects;

/**
 * A train and a test set of the same shape, the scaling applied to both, where they came from, and the
 * names of their classes when the data names them.
 *
 * @param train the training examples
 * @param test the held-out examples
 * @param scaling the per-column scaling fitted on train (or given), null for images already in [0, 1]
 * @param source a human description of the origin, e.g. "/usr/share/datasets/fashion-mnist"
 * @param classNames the name of class k at index k (e.g. the class folders of an image folder), for a
 *     legend; null when the data has no labels or its labels have no names
 * @param resize the size the images of a folder were resized to when read, null when they were not
 */
public record DataSplit(Dataset train, Dataset test, Scaling scaling, String source, List<String> classNames,
        ImageSize resize) {

    public DataSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(source, "source");
        if (train.dim() != test.dim() || train.height() != test.height() || train.channels() != test.channels()) {
            throw new IllegalArgumentException("train is " + shape(train) + " but test is " + shape(test));
        }
        if (train.hasLabels() != test.hasLabels()) {
            throw new IllegalArgumentException("train and test must both have labels or both have none");
        }
        if (scaling != null && scaling.dim() != train.dim()) {
            throw new IllegalArgumentException("scaling has " + scaling.dim() + " columns, data " + train.dim());
        }
        if (classNames != null) {
            classNames = List.copyOf(classNames);
            if (!train.hasLabels()) {
                throw new IllegalArgumentException("class names given for unlabelled data");
            }
            checkLabels(train, classNames.size());
            checkLabels(test, classNames.size());
        }
    }

    /** A split whose classes, if any, have no names. */
    public DataSplit(Dataset train, Dataset test, Scaling scaling, String source) {
        this(train, test, scaling, source, null, null);
    }

    /** A split read at the images' own size. */
    public DataSplit(Dataset train, Dataset test, Scaling scaling, String source, List<String> classNames) {
        this(train, test, scaling, source, classNames, null);
    }

    private static void checkLabels(Dataset data, int classes) {
        for (int label : data.labels()) {
            if (label >= classes) {
                throw new IllegalArgumentException("label " + label + " but only " + classes + " class names");
            }
        }
    }

    private static String shape(Dataset data) {
        return data.height() + "x" + data.width() + (data.channels() == 1 ? "" : "x" + data.channels());
    }
}
