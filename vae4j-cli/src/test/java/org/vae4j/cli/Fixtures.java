package org.vae4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.vae4j.data.DataOptions;
import org.vae4j.data.DataSources;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.data.IdxReader;

/**
 * Data and trained runs shared by the CLI tests, made once per test JVM in a temporary folder that is
 * deleted when the JVM exits. Training is the slow part, so each kind of run is trained once; a test
 * that changes a run works on a copy ({@link #copyOf}).
 */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Train and test examples of the small image set cut from the digits. */
    static final int SMALL_TRAIN = 600;
    static final int SMALL_TEST = 200;
    /** Rows of the CSV file; 20% of them are held out as test rows. */
    static final int CSV_ROWS = 300;
    static final String[] CSV_HEADER = {"x1", "x2", "species", "x3", "x4"};

    private static Path root;
    private static DataSplit digits;
    private static Path smallDigits;
    private static Path csv;
    private static final Map<String, Trained> RUNS = new HashMap<>();

    /** A run folder and the run of the tool that wrote it. */
    record Trained(Path dir, CliRun run) {
    }

    private Fixtures() {
    }

    /** A new empty folder under the shared temporary folder. */
    static synchronized Path newDir(String prefix) {
        try {
            return Files.createTempDirectory(root(), prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real digits, as `--data digits` reads them. */
    static synchronized DataSplit digits() {
        if (digits == null) {
            digits = DataSources.resolve(DataSources.DIGITS, DataOptions.defaults());
        }
        return digits;
    }

    /**
     * A folder in the MNIST layout holding {@value #SMALL_TRAIN} train and {@value #SMALL_TEST} test
     * images of the digits, spread evenly over each split (the digits are sorted by class), as IDX.
     */
    static synchronized Path smallDigits() {
        if (smallDigits == null) {
            Path dir = newDir("small-digits");
            writeIdx(spread(digits().train(), SMALL_TRAIN), dir, "train");
            writeIdx(spread(digits().test(), SMALL_TEST), dir, "t10k");
            smallDigits = dir;
        }
        return smallDigits;
    }

    /**
     * A CSV file with a header, {@value #CSV_ROWS} rows and 4 numeric columns in two clusters, and an
     * integer label column ("species", the third column) saying which cluster a row came from.
     */
    static synchronized Path csv() {
        if (csv == null) {
            Path file = newDir("csv").resolve("clusters.csv");
            SplittableRandom random = new SplittableRandom(7);
            StringBuilder text = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
            for (int i = 0; i < CSV_ROWS; i++) {
                int label = i % 2;
                double[] x = new double[4];
                for (int j = 0; j < 4; j++) {
                    x[j] = (label == 0 ? -3 : 5) * (j + 1) + random.nextGaussian();
                }
                text.append(String.format(Locale.ROOT, "%.4f,%.4f,%d,%.4f,%.4f%n", x[0], x[1], label, x[2], x[3]));
            }
            write(file, text.toString());
            csv = file;
        }
        return csv;
    }

    /** A VAE trained for one epoch on the digits (hidden 64, latent 4). */
    static Trained digitsVae() {
        return trained("digits-vae", "--data", "digits", "--epochs", "1", "--hidden", "64", "--latent", "4");
    }

    /** A deterministic auto-encoder with a Gaussian decoder, trained on the small digits. */
    static Trained smallDigitsAe() {
        return trained("small-ae", "--data", smallDigits().toString(), "--model", "ae", "--likelihood", "gaussian",
                "--epochs", "2", "--hidden", "32", "--latent", "4", "--batch", "64");
    }

    /** A VAE trained on {@link #csv()} with the label column named. */
    static Trained csvVae() {
        return trained("csv-vae", "--data", csv().toString(), "--label-column", "species", "--epochs", "3",
                "--hidden", "16", "--latent", "2", "--batch", "32");
    }

    /** Trains once per name with {@code --out} and {@code --quiet} added; fails if the run fails. */
    static synchronized Trained trained(String name, String... args) {
        Trained done = RUNS.get(name);
        if (done == null) {
            Path out = newDir(name).resolve("run");
            List<String> all = new ArrayList<>(List.of("train"));
            all.addAll(List.of(args));
            all.addAll(List.of("--out", out.toString(), "--quiet"));
            CliRun run = CliRun.run(all.toArray(String[]::new));
            if (run.exitCode() != ExitCodes.OK) {
                throw new AssertionError("fixture " + name + " failed: " + run.describe());
            }
            done = new Trained(out, run);
            RUNS.put(name, done);
        }
        return done;
    }

    /** A copy of a run folder, to change without touching the shared one. */
    static Path copyOf(Trained trained) {
        Path copy = newDir("copy").resolve("run");
        try (Stream<Path> files = Files.walk(trained.dir())) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(trained.dir().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** The names of the entries of a folder (empty when it does not exist). */
    static List<String> entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each line of a JSON-lines file, parsed. */
    static List<JsonNode> readJsonLines(Path file) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** m examples spread evenly over d: rows i * n / m. */
    static Dataset spread(Dataset d, int m) {
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) {
            rows[i] = (int) ((long) i * d.n() / m);
        }
        return d.subset(rows);
    }

    /** Writes {prefix}-images-idx3-ubyte and {prefix}-labels-idx1-ubyte, pixels round(255 x). */
    static void writeIdx(Dataset d, Path dir, String prefix) {
        float[] x = d.x();
        byte[] pixels = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            pixels[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, x[i])));
        }
        IdxReader.writeImages(dir.resolve(prefix + "-images-idx3-ubyte"), d.n(), d.height(), d.width(), pixels);
        IdxReader.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte"), d.labels());
    }

    private static Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("vae4j-cli-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        }
        return root;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a temporary folder
        }
    }
}
