package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The command line is a shell over the library: no class of it touches the engine's arrays. */
class ThinShellTest {

    @Test
    void noCommandImportsTheEngine() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(ThinShellTest::importsEngine).map(Path::toString).toList();
            assertEquals(List.of(), offenders, "CLI classes that import ai.djl (model arithmetic belongs in the core)");
        }
    }

    private static boolean importsEngine(Path file) {
        try {
            return Files.readString(file).contains("import ai.djl.");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
