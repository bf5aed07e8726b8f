package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The tool as a user runs it: its own JVM, System.exit and the real stderr, engine and all. */
class MainProcessTest {

    @Test
    void missingFileIsOneLineAndExitCode2() throws IOException, InterruptedException {
        Path dir = Fixtures.newDir("process");
        Path absent = dir.resolve("absent.csv");
        Path out = dir.resolve("run");
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String home = System.getProperty("vae4j.home", ".");
        Process process = new ProcessBuilder(java, "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-Dvae4j.home=" + home, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--data", absent.toString(), "--out", out.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the tool did not exit within 60 s");
        List<String> errLines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        String report = "stdout:\n" + Files.readString(stdout) + "stderr:\n" + String.join("\n", errLines);
        assertEquals(ExitCodes.BAD_INPUT, process.exitValue(), report);
        assertEquals(List.of("vae4j: " + absent + ": no such file"), errLines, report);
        assertEquals("", Files.readString(stdout), report);
        assertEquals(List.of(), Fixtures.entries(out));
    }
}
