package org.vae4j.cli;

import java.util.List;
import org.vae4j.data.DataSources;

/** What a class label means, for legends: class folder names, Fashion-MNIST's article names, or the label itself. */
final class ClassNames {

    /** Fashion-MNIST's classes 0..9, as its authors name them. */
    static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    private ClassNames() {
    }

    /** The name of {@code label}: from {@code classNames} (class folders) if given, else as {@link #of(String, int)}. */
    static String of(String dataName, List<String> classNames, int label) {
        if (classNames != null && label >= 0 && label < classNames.size()) {
            return classNames.get(label);
        }
        return of(dataName, label);
    }

    /** The name of {@code label} in the data set named {@code dataName}. */
    static String of(String dataName, int label) {
        if (DataSources.FASHION_MNIST.equals(dataName) && label < FASHION_MNIST.size()) {
            return FASHION_MNIST.get(label);
        }
        return String.valueOf(label);
    }
}
