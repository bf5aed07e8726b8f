package org.vae4j.cli;

import java.nio.file.Path;
import org.vae4j.data.DataOptions;
import org.vae4j.data.ImageSize;
import picocli.CommandLine.Option;

/**
 * The CSV and image options of every command that reads data, declared once: {@link DataArgs} adds a
 * required --data, serve an optional one.
 */
class DataReadOptions {

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "CSV: the column holding integer class labels (a header name, or an index)")
    String labelColumn;

    static final String DEFAULT_TEST_FRACTION = "0.2";

    @Option(names = "--test-fraction", defaultValue = DEFAULT_TEST_FRACTION, paramLabel = "F",
            description = "CSV or image folder: the fraction held out as test set by a seeded shuffle (default: "
                    + "${DEFAULT-VALUE})")
    double testFraction;

    @Option(names = "--resize", paramLabel = "HxW",
            description = "image folder: resize every image to H x W pixels (area averaging down, bilinear up); "
                    + "without it all images must have one size")
    String resize;

    @Option(names = "--test", paramLabel = "FILE", description = "CSV: a separate test file instead of a split")
    Path testFile;

    /** The CSV and image options (a saved model supplies the split seed, the scaling and its resize). */
    DataOptions options() {
        return new DataOptions(labelColumn, testFraction, testFile, 1, null, size());
    }

    ImageSize size() {
        if (resize == null) {
            return null;
        }
        try {
            return ImageSize.parse(resize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--resize: " + e.getMessage());
        }
    }
}
