package org.vae4j.data;

import java.nio.file.Path;

/**
 * Options for resolving a DATA argument; all but the last apply to CSV files only.
 *
 * @param labelColumn header name, or 0-based index, of a CSV label column; null for none
 * @param testFraction share of CSV rows held out for testing when there is no test file, in (0, 1)
 * @param testFile a separate CSV test file; null to split the main file
 * @param seed seed of the CSV train/test shuffle
 * @param fixedScaling a scaling to apply instead of fitting one (a saved model's); null to fit
 */
public record DataOptions(String labelColumn, double testFraction, Path testFile, long seed, Scaling fixedScaling) {

    public DataOptions {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
    }

    /** @return no label column, 20% test split, seed 1, fitted scaling */
    public static DataOptions defaults() {
        return new DataOptions(null, CsvOptions.DEFAULT_TEST_FRACTION, null, 1L, null);
    }

    /** These options with the split seed and the fixed scaling of a saved model. */
    public DataOptions forModel(long modelSeed, Scaling modelScaling) {
        return new DataOptions(labelColumn, testFraction, testFile, modelSeed, modelScaling);
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
