package org.vae4j.cli;

import org.vae4j.api.Projection;
import org.vae4j.classic.Pca;
import org.vae4j.data.DataSplit;

/**
 * The train and test rows a classical model is fitted to: the data as they are, or projected onto the
 * first D principal components of the training split.
 *
 * @param train n_train * dim values, row-major
 * @param test n_test * dim values, row-major
 * @param dim the dimension of the rows
 * @param description how the rows were made, for the command's header line
 */
record Projected(float[] train, float[] test, int dim, String description) {

    /** The split's rows, projected onto {@code components} principal components unless it is 0. */
    static Projected of(DataSplit split, int components, String flag) {
        int dim = split.train().dim();
        if (components == 0) {
            return new Projected(split.train().x(), split.test().x(), dim, " (" + dim + " dimensions)");
        }
        if (components > dim) {
            throw new IllegalArgumentException(flag + " must be in 1.." + dim + " (the data's dimension), got "
                    + components);
        }
        float[] train = split.train().x();
        Pca pca = Pca.fit(train, split.train().n(), dim, components);
        double explained = 0;
        for (double v : pca.explainedVariance()) {
            explained += v;
        }
        double fraction = explained / Projection.totalVariance(train, split.train().n(), dim);
        return new Projected(pca.transform(train, split.train().n()), pca.transform(split.test().x(), split.test().n()),
                components, String.format(java.util.Locale.ROOT, " projected onto %d principal components (%.4f of the "
                        + "variance)", components, fraction));
    }
}
