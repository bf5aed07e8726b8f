package org.vae4j.cli;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.function.IntFunction;
import org.vae4j.api.Projection;
import org.vae4j.cli.pictures.ScatterMap;
import org.vae4j.classic.LogisticRegression;
import org.vae4j.classic.NearestNeighbors;
import org.vae4j.data.Dataset;
import org.vae4j.error.InputException;

/**
 * A map of codes in the plane, as a {@link Projection} places them, plotted coloured by class; and the
 * accuracy of nearest-neighbour classification on it.
 */
final class LatentMap {

    private LatentMap() {
    }

    /** The title's note on the projection: empty for 2-D codes. */
    static String note(Projection projection) {
        return projection.isIdentity() ? "" : String.format(Locale.ROOT,
                ", projected to 2-D by PCA (%.0f%% of their variance)", 100 * projection.explained());
    }

    /** The name of an axis: z0, z1 for 2-D codes, the principal components otherwise. */
    static String axis(Projection projection, int component, String name) {
        return projection.isIdentity() ? name + component : "principal component " + (component + 1) + " of the codes";
    }

    /** The picture: points (n * 2) coloured by label, the legend naming the classes of {@code dataName}. */
    static BufferedImage render(String title, String xAxis, String yAxis, float[] points, int[] labels,
            String dataName) {
        return render(title, xAxis, yAxis, points, labels, label -> ClassNames.of(dataName, label));
    }

    /** The picture: points (n * 2) coloured by label, the legend naming each label as {@code names} does. */
    static BufferedImage render(String title, String xAxis, String yAxis, float[] points, int[] labels,
            IntFunction<String> names) {
        return ScatterMap.render(title, xAxis, yAxis, points, labels, names);
    }

    /** The share of test points whose k nearest training points (Euclidean, majority vote) have their label. */
    static double knnAccuracy(float[] trainPoints, int[] trainLabels, float[] testPoints, int[] testLabels, int k) {
        int[] predicted = NearestNeighbors.predict(trainPoints, trainLabels, trainLabels.length, testPoints,
                testLabels.length, 2, k);
        return LogisticRegression.accuracy(predicted, testLabels);
    }

    /** Labels of a labelled split, or a one-line error naming DATA and the command. */
    static int[] requireLabels(Dataset data, String dataName, String what) {
        if (!data.hasLabels()) {
            throw new InputException(dataName + ": has no labels, and " + what
                    + " needs them (for a CSV file, name the label column with --label-column)");
        }
        return data.labels();
    }
}
