package org.vae4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.vae4j.data.Dataset;
import org.vae4j.error.InputException;

/** What the commands share besides their options: subsets of the data, and checks of the paths they write. */
final class Workspace {

    private Workspace() {
    }

    /**
     * What every --n means: a stratified random subset of n test examples, each class in proportion and
     * the same examples for every command and run.
     */
    static final String SUBSET = "a stratified random subset of N test examples (each class in proportion; the same "
            + "N examples for every command and every run)";

    /** The subset --n asks for: all of {@code data} when n is null (the option left out). */
    static Dataset subset(Dataset data, Integer n) {
        requireCount("--n", n);
        return n == null ? data : data.stratifiedSubset(n);
    }

    /** A count flag is at least 1 when given; left out (null) it means all. */
    static void requireCount(String flag, Integer n) {
        if (n != null && n < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1, got " + n + " (leave it out for all)");
        }
    }

    /** m indices spread evenly over 0..total-1: i * total / m (test sets are often sorted by class). */
    static int[] spread(int total, int m) {
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) {
            rows[i] = (int) ((long) i * total / m);
        }
        return rows;
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
