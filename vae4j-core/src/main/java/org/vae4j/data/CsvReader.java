package org.vae4j.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.vae4j.error.InputException;

/**
 * Loads a CSV table as tabular data: numeric columns min-max scaled to [0, 1] with a scaling fitted
 * on the training rows, an optional integer label column, and a seeded train/test split or test file.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /** Loads the file, fitting the scaling on the training rows and applying it to both splits. */
    public static DataSplit load(Path file, CsvOptions options) {
        return load(file, options, null);
    }

    /**
     * Loads the file like {@link #load(Path, CsvOptions)} but applies {@code fixed} (e.g. a saved model's
     * scaling) instead of fitting one; null fits as usual.
     */
    public static DataSplit load(Path file, CsvOptions options, Scaling fixed) {
        CsvTable table = CsvTable.read(file, options.labelColumn());
        String name = file.getFileName().toString();
        Dataset train;
        Dataset test;
        String source;
        if (options.testFile() != null) {
            CsvTable testTable = CsvTable.readLike(options.testFile(), table);
            train = table.toDataset(name, null);
            test = testTable.toDataset(name, null);
            source = file + " (test rows from " + options.testFile() + ")";
        } else {
            int[][] split = splitRows(file, table.n, "data row", options.testFraction(), options.seed());
            train = table.toDataset(name, split[0]);
            test = table.toDataset(name, split[1]);
            source = file + " (test fraction " + options.testFraction() + ", seed " + options.seed() + ")";
        }
        if (fixed != null && fixed.dim() != train.dim()) {
            throw InputException.of(file, "has " + train.dim() + " numeric columns but the given scaling has "
                    + fixed.dim());
        }
        Scaling scaling = fixed != null ? fixed : Scaling.fit(train.x(), train.n(), train.dim());
        scaling.applyInPlace(train.x(), train.n(), train.dim());
        scaling.applyInPlace(test.x(), test.n(), test.dim());
        return new DataSplit(train, test, scaling, source);
    }

    /**
     * Every row of a CSV file as one dataset, unsplit: new data to encode or score with a trained model.
     * The values are scaled with {@code scaling} (a saved model's, fitted on its training data) or, when
     * it is null (a model of images in [0, 1]), taken as they are, and must then lie in [0, 1].
     *
     * @param labelColumn header name or 0-based index of an integer label column; null for none
     */
    public static Dataset readAll(Path file, String labelColumn, Scaling scaling) {
        CsvTable table = CsvTable.read(file, labelColumn);
        Dataset rows = table.toDataset(file.getFileName().toString(), null);
        float[] x = rows.x();
        if (scaling != null) {
            if (scaling.dim() != rows.dim()) {
                throw InputException.of(file, "has " + rows.dim() + " numeric columns but the model's scaling has "
                        + scaling.dim());
            }
            scaling.applyInPlace(x, rows.n(), rows.dim());
            return rows;
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0 && x[i] <= 1)) {
                throw InputException.of(file, "row " + (i / rows.dim() + 1) + ", value " + (i % rows.dim() + 1) + " is "
                        + x[i] + ", outside [0, 1], the range of the model's data");
            }
        }
        return rows;
    }

    /**
     * Shuffles 0..n-1 with a Fisher-Yates shuffle driven by {@code new SplittableRandom(seed)}; the first
     * n - nTest shuffled rows are train, the rest test, nTest = round(n * testFraction) clamped to
     * [1, n - 1]. Each side is returned in file order.
     *
     * @param unit what a row is, for the message when there are fewer than 2: "data row", "image"
     */
    static int[][] splitRows(Path file, int n, String unit, double testFraction, long seed) {
        if (n < 2) {
            throw InputException.of(file, "only " + n + " " + unit + "; cannot split it into train and test");
        }
        int nTest = (int) Math.max(1, Math.min(n - 1, Math.round(n * testFraction)));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int[] train = Arrays.copyOfRange(order, 0, n - nTest);
        int[] test = Arrays.copyOfRange(order, n - nTest, n);
        Arrays.sort(train);
        Arrays.sort(test);
        return new int[][] {train, test};
    }
}
