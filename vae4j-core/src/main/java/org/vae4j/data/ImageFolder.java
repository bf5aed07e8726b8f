package org.vae4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.vae4j.error.InputException;

/**
 * A folder of images as data: PNG and JPEG files ({@code .png}, {@code .jpg}, {@code .jpeg}, any case),
 * read with {@code javax.imageio} in sorted path order. Other files are ignored, and so are hidden ones
 * (a name starting with a dot) and everything in hidden folders. The folder is laid out as
 * <ul>
 *   <li>images directly in it: unlabelled;</li>
 *   <li>class folders ({@code DIR/cat/*.png}, {@code DIR/dog/*.png}, torchvision's ImageFolder layout;
 *       images anywhere below a class folder): class k is the k-th folder name in sorted order, and the
 *       names are the split's {@link DataSplit#classNames()};</li>
 *   <li>{@code DIR/train} and {@code DIR/test}, each laid out as one of the two above, with the same
 *       classes: the train and test sets. Otherwise the images are split as the rows of a CSV file are,
 *       by a shuffle seeded with the options' seed that holds out their test fraction.</li>
 * </ul>
 * Images and class folders side by side are refused. Pixels become 8 bits ({@link ImagePixels}: 16-bit
 * samples as round(v / 257), palettes looked up, transparent pixels composited on white); the set has 1
 * channel when every pixel of every image is gray (r = g = b), else 3 (RGB, gray images repeated). All
 * images must have the size of the first, unless the options ask for a resize, which every image gets
 * ({@link Resampling}: area averaging down, bilinear up).
 */
public final class ImageFolder {

    /** The folder names of the train/test layout. */
    private static final String TRAIN = "train";
    private static final String TEST = "test";
    /** The most threads that decode images at once. */
    private static final int READERS = 4;
    private static final String IMAGE_KINDS = "(.png, .jpg or .jpeg files)";

    private ImageFolder() {
    }

    /** Loads the folder without a resize; split by the default test fraction and seed if it has no train/test. */
    public static DataSplit load(Path dir) {
        return load(dir, DataOptions.defaults());
    }

    /** Loads the folder with the options' test fraction, seed and resize; the other options are not read. */
    public static DataSplit load(Path dir, DataOptions options) {
        Part[] parts = scan(dir);
        Part train = parts[0];
        Part test = parts[1];
        List<Path> files = new ArrayList<>(train.files);
        List<Integer> labels = new ArrayList<>(train.labels);
        if (test != null) {
            files.addAll(test.files);
            labels.addAll(test.labels);
        }
        Picture[] pictures = readAll(dir, files, options.resize());
        int[][] split;
        String how;
        if (test != null) {
            split = new int[][] {range(0, train.files.size()), range(train.files.size(), files.size())};
            how = "train and test folders";
        } else {
            split = CsvReader.splitRows(dir, files.size(), "image", options.testFraction(), options.seed());
            how = "test fraction " + options.testFraction() + ", seed " + options.seed();
        }
        int channels = 1;
        for (Picture picture : pictures) {
            channels = Math.max(channels, picture.channels());
        }
        Path absolute = dir.toAbsolutePath().normalize();
        String name = absolute.getFileName() == null ? dir.toString() : absolute.getFileName().toString();
        int[] allLabels = train.classNames == null ? null : labels.stream().mapToInt(Integer::intValue).toArray();
        Dataset trainSet = pack(name, pictures, allLabels, split[0], channels);
        Dataset testSet = pack(name, pictures, allLabels, split[1], channels);
        String resized = options.resize() == null ? "" : ", resized to " + options.resize();
        return new DataSplit(trainSet, testSet, null, absolute + " (" + how + resized + ")", train.classNames,
                options.resize());
    }

    /**
     * @return the train and the test part of a folder with train and test folders, else the whole folder
     *     and null
     */
    private static Part[] scan(Path dir) {
        List<Path> folders = list(dir, Files::isDirectory);
        List<Path> images = list(dir, ImageFolder::isImageFile);
        Path trainDir = dir.resolve(TRAIN);
        Path testDir = dir.resolve(TEST);
        boolean hasTrain = folders.contains(trainDir);
        boolean hasTest = folders.contains(testDir);
        if (!hasTrain && !hasTest) {
            return new Part[] {Part.of(dir, images, folders), null};
        }
        if (hasTrain != hasTest) {
            throw InputException.of(dir, "has a " + (hasTrain ? TRAIN : TEST) + " folder but no "
                    + (hasTrain ? TEST : TRAIN) + " folder; give both, or name no folder train or test");
        }
        if (folders.size() > 2 || !images.isEmpty()) {
            Path other = images.isEmpty() ? folders.stream().filter(f -> !f.equals(trainDir)
                    && !f.equals(testDir)).findFirst().orElseThrow() : images.get(0);
            throw InputException.of(dir, "has train and test folders, and also "
                    + ReadErrors.quote(other.getFileName().toString()) + "; keep only train and test there");
        }
        Part train = Part.scan(trainDir);
        Part test = Part.scan(testDir);
        if (!Objects.equals(train.classNames, test.classNames)) {
            throw InputException.of(testDir, "has " + classes(test) + ", but " + trainDir + " has "
                    + classes(train) + "; give both the same classes");
        }
        return new Part[] {train, test};
    }

    /** True for a file whose name ends in .png, .jpg or .jpeg, in any case, and does not start with a dot. */
    static boolean isImageFile(Path path) {
        return isImageName(path) && Files.isRegularFile(path);
    }

    private static boolean isImageName(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    /**
     * Reads every file, resized to {@code resize} when it is given, else checked to have the size of the
     * first. Up to {@value #READERS} threads decode, each its share of the files; a bad file is reported
     * as it would be by one thread reading in order: the first in order, and only once every file before
     * it has been read.
     */
    private static Picture[] readAll(Path dir, List<Path> files, ImageSize resize) {
        int n = files.size();
        Picture[] pictures = new Picture[n];
        InputException[] errors = new InputException[n];
        AtomicInteger firstBad = new AtomicInteger(n);
        int threads = Math.max(1, Math.min(READERS, Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, threads).parallel().forEach(thread -> {
            try (ImageDecoder decoder = new ImageDecoder()) {
                for (int i = thread; i < firstBad.get(); i += threads) {
                    try {
                        Picture picture = decoder.read(files.get(i));
                        pictures[i] = resize == null ? picture : Resampling.resize(picture, resize);
                    } catch (InputException e) {
                        errors[i] = e;
                        firstBad.accumulateAndGet(i, Math::min);
                    }
                }
            }
        });
        for (int i = 0; i < firstBad.get(); i++) {
            if (!pictures[i].size().equals(pictures[0].size())) {
                throw InputException.of(files.get(i), pictures[i].size() + ", but " + dir.relativize(files.get(0))
                        + " is " + pictures[0].size() + "; resize them all (e.g. " + pictures[0].size() + ")");
            }
        }
        if (firstBad.get() < n) {
            throw errors[firstBad.get()];
        }
        return pictures;
    }

    /** @return the pictures at the indices as one data set with the given number of channels */
    private static Dataset pack(String name, Picture[] pictures, int[] labels, int[] indices, int channels) {
        ImageSize size = pictures[0].size();
        int dim = size.pixels() * channels;
        byte[] bytes = new byte[Math.multiplyExact(indices.length, dim)];
        int[] subLabels = labels == null ? null : new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            pictures[indices[k]].copyTo(bytes, k * dim, channels);
            if (subLabels != null) {
                subLabels[k] = labels[indices[k]];
            }
        }
        return Dataset.ofPixels(name, bytes, subLabels, indices.length, size.height(), size.width(), channels);
    }

    private static int[] range(int from, int to) {
        int[] range = new int[to - from];
        for (int i = 0; i < range.length; i++) {
            range[i] = from + i;
        }
        return range;
    }

    private static String classes(Part part) {
        return part.classNames == null ? "no class folders"
                : "the class folders " + ReadErrors.quoteList(part.classNames.toArray(String[]::new));
    }

    /** The visible entries of dir that pass the test, sorted. */
    private static List<Path> list(Path dir, Predicate<Path> test) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).filter(test).sorted()
                    .collect(Collectors.toList());
        } catch (NoSuchFileException e) {
            throw InputException.of(dir, "no such directory", e);
        } catch (IOException e) {
            throw InputException.of(dir, "cannot list: " + ReadErrors.oneLine(e.getMessage()), e);
        }
    }

    /** The image files anywhere below dir, none in hidden folders, sorted. */
    private static List<Path> listBelow(Path dir) {
        try (Stream<Path> entries = Files.find(dir, Integer.MAX_VALUE,
                (path, attributes) -> attributes.isRegularFile() && isImageName(path) && isVisibleBelow(dir, path))) {
            return entries.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw InputException.of(dir, "cannot list: " + ReadErrors.oneLine(e.getMessage()), e);
        } catch (UncheckedIOException e) {
            throw InputException.of(dir, "cannot list: " + ReadErrors.oneLine(e.getCause().getMessage()), e);
        }
    }

    private static boolean isVisibleBelow(Path dir, Path path) {
        for (Path name : dir.relativize(path)) {
            if (name.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /**
     * One folder's images in reading order, with their class labels and the class names (null, and
     * labels all 0, when the images lie directly in the folder).
     */
    private record Part(List<Path> files, List<Integer> labels, List<String> classNames) {

        static Part scan(Path dir) {
            return of(dir, list(dir, ImageFolder::isImageFile), list(dir, Files::isDirectory));
        }

        static Part of(Path dir, List<Path> images, List<Path> folders) {
            if (!images.isEmpty() && !folders.isEmpty()) {
                throw InputException.of(dir, "holds both images (" + ReadErrors.quote(name(images.get(0)))
                        + ") and sub-folders (" + ReadErrors.quote(name(folders.get(0)))
                        + "); put every image in a class folder, or use no sub-folders");
            }
            if (folders.isEmpty()) {
                if (images.isEmpty()) {
                    throw InputException.of(dir, "no images " + IMAGE_KINDS);
                }
                return new Part(images, new ArrayList<>(Collections.nCopies(images.size(), 0)), null);
            }
            List<Path> files = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            List<String> classNames = new ArrayList<>();
            for (Path folder : folders) {
                List<Path> inClass = listBelow(folder);
                if (inClass.isEmpty()) {
                    throw InputException.of(folder, "a class folder with no images " + IMAGE_KINDS);
                }
                files.addAll(inClass);
                labels.addAll(Collections.nCopies(inClass.size(), classNames.size()));
                classNames.add(name(folder));
            }
            return new Part(files, labels, classNames);
        }

        private static String name(Path path) {
            return path.getFileName().toString();
        }
    }
}
