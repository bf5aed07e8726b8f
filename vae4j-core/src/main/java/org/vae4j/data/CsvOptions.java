package org.vae4j.data;

import java.nio.file.Path;

/**
 * How to read a CSV file.
 *
 * @param labelColumn header name, or 0-based column index, of an integer label column; null for none
 * @param testFraction share of rows held out for testing when there is no test file, in (0, 1)
 * @param testFile a separate test CSV with the same columns; null to split the main file
 * @param seed seed of the shuffle that splits the main file
 */
public record CsvOptions(String labelColumn, double testFraction, Path testFile, long seed) {

    /** Default share of rows held out for testing. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    public CsvOptions {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
    }

    /** @return no label column, 20% test split, seed 1 */
    public static CsvOptions defaults() {
        return new CsvOptions(null, DEFAULT_TEST_FRACTION, null, 1L);
    }
}
