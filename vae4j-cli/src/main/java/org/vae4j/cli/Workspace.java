package org.vae4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.vae4j.data.Dataset;
import org.vae4j.error.InputException;

/** What the commands share besides their options: subsets of the data, and checks of the paths they write. */
final class Workspace {

    private Workspace() {
    }

    /** The first {@code limit} examples of {@code data} (all for 0 or a limit beyond its size). */
    static Dataset first(Dataset data, int limit) {
        return limit > 0 && limit < data.n() ? data.head(limit) : data;
    }

    /** {@code limit} examples spread evenly over {@code data} (all for 0 or a limit beyond its size). */
    static Dataset spread(Dataset data, int limit) {
        return limit > 0 && limit < data.n() ? data.subset(spread(data.n(), limit)) : data;
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
