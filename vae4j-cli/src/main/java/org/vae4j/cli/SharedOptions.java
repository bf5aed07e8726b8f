package org.vae4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import org.vae4j.data.IdxImages;
import picocli.CommandLine.Option;

/**
 * The options several commands share, each declared and described once here and taken by the commands
 * as picocli mixins ({@code @Mixin SharedOptions.Seed seed}). The model and the data have theirs apart:
 * {@link ModelArgs}, {@link DataArgs}.
 */
final class SharedOptions {

    private SharedOptions() {
    }

    /** --seed. A command whose default differs says so with a default-value provider (binarize). */
    static final class Seed {

        @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED",
                description = "seed of everything the command draws at random (default: ${DEFAULT-VALUE})")
        long value;
    }

    /** --quiet, and the progress bar on stderr it turns off. */
    static final class Progress {

        @Option(names = "--quiet", description = "no progress bar")
        boolean quiet;

        /** A progress bar on stderr over {@code total} steps, or null with --quiet. */
        ProgressBar bar(String task, long total) {
            return quiet ? null : ProgressListener.bar(task, total, System.err);
        }
    }

    /** --out for a command that writes one picture. */
    static final class PngFile {

        @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
        Path file;
    }

    /** --out for a command that writes several files (its description names them). */
    static final class Folder {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write the files to")
        Path dir;

        /** Checks before any work that the folder can be written: it and its ancestors are folders or do not exist yet. */
        void check() {
            Workspace.requireFolder(dir);
        }
    }

    /** --out and --png for a command that writes images: an IDX file, or a folder of PNGs. */
    static final class Images {

        @Option(names = "--out", required = true, paramLabel = "IMAGES", description = "an IDX image file, or a folder for PNGs")
        Path path;

        @Option(names = "--png", description = "write PNGs into the folder --out")
        boolean png;

        private boolean toPngs() {
            return png || Files.isDirectory(path);
        }

        /** Checks before any work that --out can be written. */
        void check() {
            if (toPngs()) {
                ImageFiles.requirePngFolder(path);
            } else {
                Workspace.requireFolder(path.toAbsolutePath().getParent());
            }
        }

        void write(IdxImages images) {
            if (toPngs()) {
                ImageFiles.writePngs(path, images);
            } else {
                ImageFiles.writeIdx(path, images);
            }
        }
    }

    /** --threads of the coder. */
    static final class Threads {

        @Option(names = "--threads", defaultValue = "2",
                description = "threads coding the chunks in parallel (default: ${DEFAULT-VALUE})")
        int count;
    }

    /** --k of the IWAE estimate of log p(x). */
    static final class ImportanceSamples {

        /** The most importance samples per example: beyond, the estimate would run for hours. */
        static final int MAX = 100_000;

        @Option(names = "--k", defaultValue = "1000", paramLabel = "K",
                description = "importance samples per example of the IWAE estimate of log p(x), 1.." + MAX
                        + " (default: ${DEFAULT-VALUE})")
        int k;

        /** @throws IllegalArgumentException for a k outside 1..MAX */
        void check() {
            if (k < 1 || k > MAX) {
                throw new IllegalArgumentException("--k must be in 1.." + MAX + ", got " + k);
            }
        }
    }

    /** --tolerance of EM. */
    static final class Tolerance {

        @Option(names = "--tolerance", defaultValue = "1e-6", paramLabel = "NATS",
                description = "stop EM once an iteration gains less log-likelihood per example (0: run all; default: "
                        + "${DEFAULT-VALUE})")
        double nats;
    }

    /** --n and --knn of a 2-D map of the test set. */
    static final class MapPoints {

        @Option(names = "--n", description = "map " + Workspace.SUBSET + " (default: all)")
        Integer n;

        @Option(names = "--knn", paramLabel = "K",
                description = "also print the test accuracy of K-nearest-neighbour classification on the map: the "
                        + "training set's points, placed the same way, vote for each test point (default: off)")
        Integer knn;

        /** @throws IllegalArgumentException for a negative --n or --knn */
        void check() {
            Workspace.requireCount("--n", n);
            Workspace.requireCount("--knn", knn);
        }
    }
}
