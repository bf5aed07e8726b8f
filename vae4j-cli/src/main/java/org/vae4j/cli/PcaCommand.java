package org.vae4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.io.Png;
import org.vae4j.api.Projection;
import org.vae4j.classic.Pca;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j pca: principal component analysis as the linear baseline of an auto-encoder. */
@Command(name = "pca", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The linear baseline: PCA variance kept, test MSE, 2-D map.",
                "Fits PCA with D components on the training split of DATA and prints the fraction of the "
                + "training variance it explains and its test reconstruction mean squared error per dimension "
                + "(comparable with the mse of 'vae4j evaluate'). With --out (D >= 2), plots the test set's first two "
                + "principal components coloured by label, like 'vae4j map', and writes the numbers with where they came "
                + "from (settings, seed, data fingerprint, versions) beside it as JSON."})
final class PcaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--latent", required = true, paramLabel = "D", description = "the number of principal components")
    int latent;

    @Option(names = "--out", paramLabel = "FILE.png",
            description = "also write the map of the test codes (PNG), and beside it FILE.json: what --json prints")
    Path out;

    @Mixin
    SharedOptions.MapPoints map;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--json", description = "print one JSON object: components, explained_variance_fraction, mse, n "
            + "(and knn_accuracy), with where they came from: settings, seed, data (name, fingerprint, sizes), versions")
    boolean json;

    @Override
    public Integer call() {
        map.check();
        DataSplit split = dataArgs.load(seed.value);
        Dataset train = split.train();
        Dataset test = split.test();
        int dim = train.dim();
        if (latent < 1 || latent > dim) {
            throw new IllegalArgumentException("--latent must be in 1.." + dim + " (the data's dimension), got " + latent);
        }
        if ((out != null || map.knn != null) && latent < 2) {
            throw new IllegalArgumentException((out != null ? "--out" : "--knn")
                    + ": a map needs --latent of at least 2, got " + latent);
        }
        if (out != null || map.knn != null) {
            LatentMap.requireLabels(test, dataArgs.data, out != null ? "a map (--out)" : "--knn");
        }
        float[] trainX = train.x();
        Pca pca = Pca.fit(trainX, train.n(), dim, latent);
        double explained = 0;
        for (double v : pca.explainedVariance()) {
            explained += v;
        }
        double explainedFraction = explained / Projection.totalVariance(trainX, train.n(), dim);
        float[] testX = test.x();
        float[] testCodes = pca.transform(testX, test.n());
        double mse = meanSquaredError(testX, pca.inverseTransform(testCodes, test.n()));

        double accuracy = Double.NaN;
        if (map.knn != null) {
            LatentMap.requireLabels(train, dataArgs.data, "--knn");
            float[] trainPoints = firstTwo(pca.transform(trainX, train.n()), train.n(), latent);
            accuracy = LatentMap.knnAccuracy(trainPoints, train.labels(), firstTwo(testCodes, test.n(), latent),
                    test.labels(), map.knn);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null) {
            int[] rows = map.n == null ? null : test.stratifiedIndices(map.n);
            int shown = rows == null ? test.n() : rows.length;
            float[] all = firstTwo(testCodes, test.n(), latent);
            float[] points = new float[2 * shown];
            int[] labels = new int[shown];
            for (int i = 0; i < shown; i++) {
                int row = rows == null ? i : rows[i];
                points[2 * i] = all[2 * row];
                points[2 * i + 1] = all[2 * row + 1];
                labels[i] = test.labels()[row];
            }
            String title = (latent == 2 ? "PCA: the 2 principal components" : "PCA: the first 2 of " + latent
                    + " principal components") + " of " + shown + " test examples of " + test.name();
            Png.write(LatentMap.render(title, "principal component 1", "principal component 2", points, labels,
                    test.name()), out);
        }
        ObjectNode results = Provenance.of(spec, split, seed.value);
        results.put("components", latent);
        results.put("explained_variance_fraction", explainedFraction);
        results.put("mse", mse);
        results.put("n", test.n());
        if (map.knn != null) {
            results.put("knn_k", map.knn);
            results.put("knn_accuracy", accuracy);
        }
        Path jsonFile = out == null ? null : jsonBeside(out);
        if (jsonFile != null) {
            Provenance.write(jsonFile, results);
        }
        if (json) {
            stdout.println(results);
        } else {
            stdout.printf("PCA with %d components fitted on %d training examples of %s:%n", latent, train.n(),
                    train.name());
            stdout.printf("  explained variance          %.4f of the training variance%n", explainedFraction);
            stdout.printf("  test reconstruction MSE     %.6f per dimension (%d test examples)%n", mse, test.n());
            if (map.knn != null) {
                stdout.printf("  k-NN (k=%d) test accuracy on components 1-2: %.4f%n", map.knn, accuracy);
            }
            if (out != null) {
                stdout.printf("wrote the map to %s and the numbers with their provenance to %s%n", out, jsonFile);
            }
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /** The JSON file beside the map: map.png -> map.json. */
    static Path jsonBeside(Path png) {
        String name = png.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        return png.resolveSibling(stem + ".json");
    }

    /** sum |x - x'|^2 / (n D) over all values. */
    static double meanSquaredError(float[] x, float[] reconstruction) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double error = x[i] - reconstruction[i];
            sum += error * error;
        }
        return sum / x.length;
    }

    /** The first two columns of n rows of width {@code width}: [n * 2]. */
    static float[] firstTwo(float[] codes, int n, int width) {
        float[] points = new float[2 * n];
        for (int i = 0; i < n; i++) {
            points[2 * i] = codes[i * width];
            points[2 * i + 1] = codes[i * width + 1];
        }
        return points;
    }
}
