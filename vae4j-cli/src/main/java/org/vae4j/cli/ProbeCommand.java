package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.vae4j.io.AtomicFile;
import org.vae4j.api.TrainedModel;
import org.vae4j.classic.LogisticRegression;
import org.vae4j.classic.Pca;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vae4j probe: how useful are the codes to a simple classifier given few labels? */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Logistic regression with few labels: codes vs PCA vs pixels.",
                "For each N of --train-labels, draws a seeded random subset of N labelled training examples (the "
                + "subsets are nested) and fits a multinomial logistic regression (standardized features, L2 penalty "
                + "--l2) on (a) the model's codes (VAE: means of q(z|x); auto-encoder: f(x)), (b) PCA codes of the "
                + "same size, PCA fitted on all training images (unlabelled data is plentiful), and (c) the raw "
                + "values; prints the test accuracy of each as a table. A class-conditional model encodes every "
                + "example with the uniform blend of the labels, so no label leaks into the features."})
final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelArgs model;

    @Mixin
    DataArgs dataArgs;

    @Option(names = "--train-labels", defaultValue = "100,1000,all", split = ",", paramLabel = "N",
            description = "numbers of labelled training examples, or 'all' (default: ${DEFAULT-VALUE})")
    List<String> labels;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--l2", defaultValue = "1e-3",
            description = "L2 penalty weight of the logistic regression (default: ${DEFAULT-VALUE})")
    double l2;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "also write the table as CSV")
    Path out;

    /** One row of the table: test accuracies with n labels. */
    record Row(int n, double model, double pca, double pixels) {
    }

    @Override
    public Integer call() {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("--l2 must be finite and non-negative, got " + l2);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try (TrainedModel trained = model.load()) {
            ModelConfig config = trained.config();
            DataSplit split = ModelArgs.dataFor(trained, dataArgs);
            Dataset train = split.train();
            Dataset test = split.test();
            LatentMap.requireLabels(train, dataArgs.data, "probe");
            int[] counts = counts(labels, train.n());
            int classes = 1 + Math.max(Arrays.stream(train.labels()).max().orElse(0),
                    Arrays.stream(test.labels()).max().orElse(0));
            int l = config.latentDim();
            int dim = train.dim();
            float[] trainCodes = trained.encodeWithoutLabels(train).mean();
            float[] testCodes = trained.encodeWithoutLabels(test).mean();
            float[] trainX = train.x();
            float[] testX = test.x();
            int components = Math.min(l, dim);
            Pca pca = Pca.fit(trainX, train.n(), dim, components);
            float[] trainPca = pca.transform(trainX, train.n());
            float[] testPca = pca.transform(testX, test.n());

            int[] order = permutation(train.n(), seed.value);
            List<Row> rows = new ArrayList<>();
            for (int n : counts) {
                int[] picked = Arrays.copyOf(order, n);
                rows.add(new Row(n, accuracy(trainCodes, l, picked, train.labels(), testCodes, test.labels(), classes),
                        accuracy(trainPca, components, picked, train.labels(), testPca, test.labels(), classes),
                        accuracy(trainX, dim, picked, train.labels(), testX, test.labels(), classes)));
            }
            String modelColumn = (config.kind().isVariational() ? "vae" : "ae") + " codes (" + l + "-d)";
            String pcaColumn = "pca codes (" + components + "-d)";
            String pixelColumn = (train.height() > 1 ? "pixels" : "values") + " (" + dim + "-d)";
            if (out != null) {
                StringBuilder csv = new StringBuilder("labels,model,pca,pixels\n");
                for (Row row : rows) {
                    csv.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f%n", row.n(), row.model(), row.pca(),
                            row.pixels()));
                }
                AtomicFile.writeString(out, csv.toString());
            }
            stdout.printf(Locale.ROOT, "test accuracy on %d test examples of %s of a logistic regression (l2 = %s) fitted "
                    + "on N labelled training examples of %d (seed %d):%n", test.n(), test.name(), l2, train.n(), seed.value);
            stdout.printf("%8s  %18s  %18s  %18s%n", "N", modelColumn, pcaColumn, pixelColumn);
            for (Row row : rows) {
                stdout.printf(Locale.ROOT, "%8d  %18.4f  %18.4f  %18.4f%n", row.n(), row.model(), row.pca(),
                        row.pixels());
            }
            if (out != null) {
                stdout.printf("wrote %s%n", out);
            }
            stdout.flush();
            return ExitCodes.OK;
        }
    }

    /** The counts of --train-labels: positive integers up to the training set's size, or "all". */
    static int[] counts(List<String> values, int trainSize) {
        int[] counts = new int[values.size()];
        for (int k = 0; k < counts.length; k++) {
            String value = values.get(k).trim();
            if (value.equalsIgnoreCase("all")) {
                counts[k] = trainSize;
                continue;
            }
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--train-labels: '" + value + "' is neither a count nor 'all'");
            }
            if (n < 1 || n > trainSize) {
                throw new IllegalArgumentException("--train-labels: " + n + " is outside 1.." + trainSize
                        + " (the training examples)");
            }
            counts[k] = n;
        }
        return counts;
    }

    /** A seeded random permutation of 0..n-1 (Fisher-Yates); its first N entries are the subset of N labels. */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Fits on the picked training rows (width d) and returns the accuracy on all test rows. */
    private double accuracy(float[] trainX, int d, int[] picked, int[] trainY, float[] testX, int[] testY,
            int classes) {
        float[] x = new float[picked.length * d];
        int[] y = new int[picked.length];
        for (int i = 0; i < picked.length; i++) {
            System.arraycopy(trainX, picked[i] * d, x, i * d, d);
            y[i] = trainY[picked[i]];
        }
        LogisticRegression classifier = LogisticRegression.fit(x, y, picked.length, d, classes, l2, seed.value);
        return LogisticRegression.accuracy(classifier.predict(testX, testY.length), testY);
    }
}
