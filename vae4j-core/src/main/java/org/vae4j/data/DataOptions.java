package org.vae4j.data;

import java.nio.file.Path;

/**
 * Options for resolving a DATA argument. The label column, the test file and the fixed scaling apply
 * to CSV files only; the test fraction and the seed to CSV files and to folders of images that have no
 * train and test folders; the resize to folders of images only.
 *
 * @param labelColumn header name, or 0-based index, of a CSV label column; null for none
 * @param testFraction share of CSV rows (or of images) held out for testing when there is no test file
 *     (or test folder), in (0, 1)
 * @param testFile a separate CSV test file; null to split the main file
 * @param seed seed of the train/test shuffle
 * @param fixedScaling a scaling to apply instead of fitting one (a saved model's); null to fit
 * @param resize the size every image of a folder is resized to; null to take them at their size, which
 *     must then be the same for all
 */
public record DataOptions(String labelColumn, double testFraction, Path testFile, long seed, Scaling fixedScaling,
        ImageSize resize) {

    public DataOptions {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
    }

    /** Options without a resize. */
    public DataOptions(String labelColumn, double testFraction, Path testFile, long seed, Scaling fixedScaling) {
        this(labelColumn, testFraction, testFile, seed, fixedScaling, null);
    }

    /** @return no label column, 20% test split, seed 1, fitted scaling, no resize */
    public static DataOptions defaults() {
        return new DataOptions(null, CsvOptions.DEFAULT_TEST_FRACTION, null, 1L, null, null);
    }

    /** These options with the split seed and the fixed scaling of a saved model. */
    public DataOptions forModel(long modelSeed, Scaling modelScaling) {
        return new DataOptions(labelColumn, testFraction, testFile, modelSeed, modelScaling, resize);
    }

    /** These options with images resized to {@code size} (null: not resized). */
    public DataOptions withResize(ImageSize size) {
        return new DataOptions(labelColumn, testFraction, testFile, seed, fixedScaling, size);
    }

    /** @return the CSV part of these options */
    public CsvOptions csv() {
        return new CsvOptions(labelColumn, testFraction, testFile, seed);
    }

    /** @return true when an option that only CSV files understand is set */
    boolean hasCsvOnlyOptions() {
        return labelColumn != null || testFile != null || fixedScaling != null;
    }
}
