package org.vae4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.data.Scaling;
import org.vae4j.io.DataInfo;
import org.vae4j.error.InputException;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.data.ResidentData;

/** What the commands that use a trained model share: loading it, and data that fits it. */
final class Workspace {

    /** Seed of the fixed binarization of test data for models trained on binarized data. */
    static final long TEST_BINARIZATION_SEED = 1234567;

    private Workspace() {
    }

    /** Reads data for a saved model, with its CSV scaling, and checks that the shapes fit. */
    static DataSplit dataFor(LoadedModel loaded, DataArgs args) {
        DataInfo info = loaded.info().data();
        Scaling scaling = info.scaleMin() == null ? null : new Scaling(info.scaleMin(), info.scaleMax());
        if (scaling != null && isImageData(args.data)) {
            throw new InputException(args.data + ": image data, but the model in " + loaded.dir()
                    + " was trained on the " + scaling.dim() + " columns of the CSV file " + info.name()
                    + "; give a CSV file with the same columns");
        }
        DataSplit split = args.load(loaded.info().training().seed(), scaling);
        checkShape(split.test(), loaded.info().config(), args.data, loaded.dir());
        return split;
    }

    /** True when DATA names image data (a known image set or an IDX folder), which has no column scaling. */
    private static boolean isImageData(String data) {
        if (data.equals(DataSources.DIGITS) || data.equals(DataSources.FASHION_MNIST)) {
            return true;
        }
        try {
            return Files.isDirectory(Path.of(data));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    static void checkShape(Dataset data, ModelConfig config, String dataName, Path modelDir) {
        if (data.dim() != config.inputDim()) {
            throw new InputException(dataName + ": " + data.height() + "x" + data.width() + " = " + data.dim()
                    + " values per example, but the model in " + modelDir + " expects " + config.height() + "x"
                    + config.width() + " = " + config.inputDim());
        }
    }

    /**
     * The test data as the model sees it: binarized once with a fixed seed if it was trained on
     * binarized data, and at most {@code limit} examples (0: all).
     */
    static ResidentData testData(LoadedModel loaded, Dataset test, int limit, NDManager manager) {
        Dataset used = limit > 0 && limit < test.n() ? test.head(limit) : test;
        ResidentData data = ResidentData.of(used, manager);
        return loaded.info().training().binarize() ? data.binarized(TEST_BINARIZATION_SEED) : data;
    }

    /**
     * Checks before any work that {@code dir} can be the folder a command writes to: it and its
     * ancestors are folders or do not exist yet.
     *
     * @throws InputException naming the path that is a file
     */
    static void requireFolder(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw InputException.of(p, "is a file, not a folder; choose another --out");
            }
        }
    }
}
