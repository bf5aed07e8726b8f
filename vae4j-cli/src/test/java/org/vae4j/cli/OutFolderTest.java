package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An --out that is a file (or lies under one) is refused before any work, in one line, and left alone. */
class OutFolderTest {

    @ParameterizedTest
    @ValueSource(strings = {"gmm", "ppca", "gradvar", "compare", "likelihood", "refine"})
    void aFileIsNotAnOutputFolder(String command) {
        Path file = Fixtures.newDir("out-file-" + command).resolve("taken.txt");
        Fixtures.write(file, "keep me\n");
        String vae = Fixtures.digitsVae().dir().toString();
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(switch (command) {
            case "gmm" -> List.of("--data", "digits", "--components", "2", "--pca", "2");
            case "ppca" -> List.of("--data", "digits", "--latent", "2");
            case "compare" -> List.of("--runs", vae);
            default -> List.of("--model", vae, "--data", "digits");
        });
        for (Path out : List.of(file, file.resolve("sub"))) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--out", out.toString(), "--quiet"));
            CliRun.run(all.toArray(String[]::new)).assertBadInput(file.toString(), "is a file, not a folder");
        }
        assertArrayEquals("keep me\n".getBytes(), Fixtures.bytes(file));
    }
}
