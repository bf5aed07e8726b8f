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

    /**
     * A command whose first engine call is a trained model's (compare --samples loads the runs before
     * anything else touches the engine) works in a fresh JVM: it once died with an UnsatisfiedLinkError.
     */
    @Test
    void aModelIsTheFirstThingAFreshJvmLoads() throws IOException, InterruptedException {
        Path out = Fixtures.newDir("process-compare");
        Process process = new ProcessBuilder(javaCommand("compare", "--runs", Fixtures.digitsVae().dir().toString(),
                "--samples", "4", "--quiet", "--out", out.toString()))
                .redirectErrorStream(true).redirectOutput(out.resolve("log.txt").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the tool did not exit within 120 s");
        String log = Files.readString(out.resolve("log.txt"));
        assertEquals(ExitCodes.OK, process.exitValue(), log);
        assertTrue(Files.size(out.resolve("samples.png")) > 0, log);
    }

    /**
     * The JVM options of bin/vae4j print nothing of their own: an initial heap smaller than the young
     * generation once put a GC warning before every command's output.
     */
    @Test
    void theLaunchersJvmOptionsKeepTheOutputClean() throws IOException, InterruptedException {
        Path launcher = Path.of(System.getProperty("vae4j.home", "."), "bin", "vae4j");
        String exec = Files.readAllLines(launcher).stream().filter(l -> l.startsWith("exec java ")).findFirst()
                .orElseThrow(() -> new AssertionError("no 'exec java' line in " + launcher));
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String word : exec.substring("exec java ".length()).trim().split("\\s+")) {
            if (!word.startsWith("-") || word.startsWith("-cp") || word.startsWith("-Dvae4j.home")) {
                break;      // the options end where the class path and shell words begin
            }
            command.add(word);
        }
        assertTrue(command.contains("-XX:+UseSerialGC"), "options read: " + command);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "--version"));
        Path out = Fixtures.newDir("process-launcher");
        Process process = new ProcessBuilder(command).redirectOutput(out.resolve("stdout.txt").toFile())
                .redirectError(out.resolve("stderr.txt").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the tool did not exit within 60 s");
        String stdout = Files.readString(out.resolve("stdout.txt"));
        String stderr = Files.readString(out.resolve("stderr.txt"));
        assertEquals(ExitCodes.OK, process.exitValue(), stdout + stderr);
        assertTrue(stdout.matches("vae4j \\S+\\R"), "stdout: " + stdout);
        assertEquals("", stderr);
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Dvae4j.home="
                + System.getProperty("vae4j.home", "."), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
