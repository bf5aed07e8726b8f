package org.vae4j.cli;

import java.awt.image.BufferedImage;
import java.util.Locale;
import org.vae4j.cli.pictures.ScatterMap;
import org.vae4j.classic.LogisticRegression;
import org.vae4j.classic.NearestNeighbors;
import org.vae4j.classic.Pca;
import org.vae4j.error.InputException;

/**
 * A map of codes in the plane: codes of two dimensions as they are, longer codes projected onto their
 * first two principal components (fitted on the codes mapped), plotted coloured by class.
 */
final class LatentMap {

    /** Codes and the labels of their examples. */
    record Labelled(float[] codes, int[] labels, int dim) {
        int n() {
            return labels.length;
        }
    }

    /**
     * How codes become points: as they are (pca null), or onto the first two principal components of
     * the codes the projection was fitted on, which hold {@code explained} of their variance.
     */
    record Projection(Pca pca, double explained) {

        /** Fits the projection of n codes of dimension dim: none for dim 2, PCA for more. */
        static Projection fit(float[] codes, int n, int dim) {
            if (dim < 2) {
                throw new IllegalArgumentException("a map needs codes of at least 2 dimensions, got " + dim);
            }
            if (dim == 2) {
                return new Projection(null, 1);
            }
            Pca pca = Pca.fit(codes, n, dim, 2);
            double[] kept = pca.explainedVariance();
            return new Projection(pca, (kept[0] + kept[1]) / totalVariance(codes, n, dim));
        }

        float[] apply(float[] codes, int n) {
            return pca == null ? codes : pca.transform(codes, n);
        }

        /** The title's note on the projection: empty for 2-D codes. */
        String note() {
            return pca == null ? "" : String.format(Locale.ROOT, ", projected to 2-D by PCA (%.0f%% of their variance)",
                    100 * explained);
        }

        String axis(int component, String name) {
            return pca == null ? name + component : "principal component " + (component + 1) + " of the codes";
        }
    }

    private LatentMap() {
    }

    /** The picture: points (n * 2) coloured by label, the legend naming the classes of {@code dataName}. */
    static BufferedImage render(String title, String xAxis, String yAxis, float[] points, int[] labels,
            String dataName) {
        return ScatterMap.render(title, xAxis, yAxis, points, labels, label -> ClassNames.of(dataName, label));
    }

    /** The share of test points whose k nearest training points (Euclidean, majority vote) have their label. */
    static double knnAccuracy(float[] trainPoints, int[] trainLabels, float[] testPoints, int[] testLabels, int k) {
        int[] predicted = NearestNeighbors.predict(trainPoints, trainLabels, trainLabels.length, testPoints,
                testLabels.length, 2, k);
        return LogisticRegression.accuracy(predicted, testLabels);
    }

    /** Sum over dimensions of the variance of the codes (1/n normalization): the trace of their covariance. */
    static double totalVariance(float[] x, int n, int dim) {
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += x[i * dim + j];
            }
        }
        double total = 0;
        for (int j = 0; j < dim; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                double centred = x[i * dim + j] - mean[j];
                total += centred * centred;
            }
        }
        return total / n;
    }

    /** Labels of a labelled split, or a one-line error naming DATA and the command. */
    static int[] requireLabels(org.vae4j.data.Dataset data, String dataName, String what) {
        if (!data.hasLabels()) {
            throw new org.vae4j.error.InputException(dataName + ": has no labels, and " + what
                    + " needs them (for a CSV file, name the label column with --label-column)");
        }
        return data.labels();
    }
}
