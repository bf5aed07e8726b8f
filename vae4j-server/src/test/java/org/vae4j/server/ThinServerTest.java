package org.vae4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server is a shell over the library: no class of it touches the engine's arrays, and none touches
 * files (a request can never name a path the server would read).
 */
class ThinServerTest {

    private static final List<String> FORBIDDEN = List.of("import ai.djl.", "java.io.File", "java.nio.file.",
            "FileInputStream", "FileReader", "RandomAccessFile", "readRows(", "readData(", "TrainedModel.load(");

    @Test
    void noEngineAndNoFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(ThinServerTest::offences).toList();
            assertEquals(List.of(), offenders, "server classes that use the engine or files");
        }
    }

    private static Stream<String> offences(Path file) {
        try {
            String text = Files.readString(file);
            return FORBIDDEN.stream().filter(text::contains).map(word -> file.getFileName() + ": " + word);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
