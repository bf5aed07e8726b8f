package org.vae4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vae4j.error.InputException;

/**
 * A directory in the MNIST layout: train-images and t10k-images IDX files, and optionally
 * train-labels and t10k-labels, each plain or gzip ("train-images-idx3-ubyte.gz" and the like).
 */
public final class IdxDirectory {

    private static final String[] PREFIXES = {"train-images", "t10k-images", "train-labels", "t10k-labels"};

    private IdxDirectory() {
    }

    /** Loads the directory, naming the data after it. */
    public static DataSplit load(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return load(dir, name == null ? dir.toString() : name.toString());
    }

    /** Loads the directory under the given data name; pixels are scaled to [0, 1], no other scaling. */
    public static DataSplit load(Path dir, String name) {
        List<Path> files = list(dir);
        Path trainImages = require(dir, files, "train-images");
        Path testImages = require(dir, files, "t10k-images");
        Path trainLabels = find(files, "train-labels");
        Path testLabels = find(files, "t10k-labels");
        if ((trainLabels == null) != (testLabels == null)) {
            Path present = trainLabels != null ? trainLabels : testLabels;
            throw InputException.of(dir, "has " + present.getFileName() + " but no "
                    + (trainLabels == null ? "train-labels" : "t10k-labels") + " file; give both or neither");
        }
        IdxImages train = IdxReader.readImages(trainImages);
        IdxImages test = IdxReader.readImages(testImages);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw InputException.of(testImages, "images are " + test.rows() + "x" + test.cols() + " but "
                    + trainImages.getFileName() + " has " + train.rows() + "x" + train.cols());
        }
        int[] trainY = trainLabels == null ? null : labelsFor(trainLabels, trainImages, train.n());
        int[] testY = testLabels == null ? null : labelsFor(testLabels, testImages, test.n());
        return new DataSplit(train.toDataset(name, trainY), test.toDataset(name, testY), null,
                dir.toAbsolutePath().normalize().toString());
    }

    /**
     * @return true when dir holds a file whose name starts with train-images, t10k-images, train-labels or
     *     t10k-labels: an IDX directory, complete or not
     */
    static boolean holdsIdxFiles(Path dir) {
        List<Path> files = list(dir);
        for (String prefix : PREFIXES) {
            if (find(files, prefix) != null) {
                return true;
            }
        }
        return false;
    }

    private static int[] labelsFor(Path labelFile, Path imageFile, int n) {
        int[] labels = IdxReader.readLabels(labelFile);
        if (labels.length != n) {
            throw InputException.of(labelFile, "holds " + labels.length + " labels but "
                    + imageFile.getFileName() + " holds " + n + " images");
        }
        return labels;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw InputException.of(dir, Files.exists(dir) ? "not a directory" : "no such directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (NoSuchFileException e) {
            throw InputException.of(dir, "no such directory", e);
        } catch (IOException e) {
            throw InputException.of(dir, "cannot list: " + ReadErrors.oneLine(e.getMessage()), e);
        }
    }

    private static Path require(Path dir, List<Path> files, String prefix) {
        Path file = find(files, prefix);
        if (file == null) {
            throw InputException.of(dir, "no " + prefix + " file (expected " + prefix
                    + "-idx3-ubyte or " + prefix + "-idx3-ubyte.gz)");
        }
        return file;
    }

    /** @return the first file, by name, whose name starts with prefix (so a plain file wins over its .gz) */
    private static Path find(List<Path> files, String prefix) {
        for (Path file : files) {
            if (file.getFileName().toString().startsWith(prefix)) {
                return file;
            }
        }
        return null;
    }
}
