package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vae4j.io.ModelStore;
import org.vae4j.io.ModelStore.LoadedModel;

/**
 * Run folders against other processes, as users meet them: a second `train` into a folder another
 * process trains into, a run killed (SIGKILL) at an arbitrary moment and resumed, a disk that fills up
 * while a checkpoint is written. Each runs the tool in a JVM of its own.
 */
class RunFolderProcessTest {

    private static final String[] SMALL_CSV_RUN = {"--label-column", "species", "--hidden", "16", "--latent", "2",
        "--batch", "32", "--quiet"};

    /** A folder locked by another JVM: the run refuses in one line naming the holder, and writes nothing. */
    @Test
    void aRunFolderLockedByAnotherProcessIsRefused() throws IOException, InterruptedException {
        Path run = Files.createDirectories(Fixtures.newDir("locked").resolve("run"));
        long pid = ProcessHandle.current().pid();
        try (FileChannel channel = FileChannel.open(run.resolve(".train.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            assertTrue(lock != null);
            channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)));
            Child child = Child.start(run.resolveSibling("child"), "train", "--data", Fixtures.csv().toString(),
                    "--out", run.toString(), "--epochs", "1", "--label-column", "species", "--quiet");
            child.waitFor(120);
            assertEquals(ExitCodes.BAD_INPUT, child.exitCode(), child::describe);
            assertEquals(List.of("vae4j: " + run + ": another training run (process " + pid + ") is writing this "
                    + "folder; wait for it to end or choose another folder"), child.errLines(), child::describe);
        }
        assertEquals(List.of(".train.lock"), Fixtures.entries(run));
    }

    /**
     * A run killed at a random moment of its epochs (in the middle of a checkpoint, often: the epochs of the
     * small CSV take milliseconds, the checkpoint as long) leaves a model that loads and a metrics.jsonl that
     * the resume makes agree with it: every epoch once, in order. While the run lives, a second `train` into
     * its folder, from another JVM, is refused.
     */
    @Test
    void aRunKilledAtAnyMomentResumesWithEveryEpochOnce() throws IOException, InterruptedException {
        Path dir = Fixtures.newDir("killed");
        Path run = dir.resolve("run");
        String data = Fixtures.csv().toString();
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 2; round++) {
            List<String> args = new ArrayList<>(List.of("train", "--data", data, "--out", run.toString(), "--epochs",
                    "100000"));
            args.addAll(List.of(SMALL_CSV_RUN));
            if (round > 0) {
                args.add("--resume");
            }
            Child child = Child.start(dir.resolve("child-" + round), args.toArray(String[]::new));
            int epochs = metricsLines(run) + 3;
            child.waitUntil(() -> metricsLines(run) >= epochs, 120);
            if (round == 0) {
                CliRun second = CliRun.run("train", "--data", data, "--out", run.toString(), "--resume", "--epochs",
                        "100", "--label-column", "species", "--quiet");
                second.assertBadInput(run.toString(), "another training run (process " + child.pid() + ")");
            }
            Thread.sleep(random.nextInt(40));
            child.kill();

            int saved;
            try (NDManager m = NDManager.newBaseManager(); LoadedModel model = ModelStore.load(run, m)) {
                saved = model.info().epochsDone();
            }
            int lines = metricsLines(run);
            assertTrue(lines == saved || lines == saved + 1, "the line of the epoch being checkpointed at most: "
                    + lines + " lines, checkpoint of epoch " + saved);
            int target = saved + 2;
            CliRun.run("train", "--data", data, "--out", run.toString(), "--resume", "--epochs", String.valueOf(target),
                    "--label-column", "species", "--quiet").assertOk();
            assertEquals(IntStream.rangeClosed(1, target).boxed().toList(), Fixtures.readJsonLines(
                    run.resolve("metrics.jsonl")).stream().map(n -> n.get("epoch").asInt()).toList());
            assertEquals(target, ModelStore.readInfo(run).epochsDone());
            assertFalse(Fixtures.entries(run).stream().anyMatch(name -> name.startsWith(".model.")),
                    () -> "the resume cleans up after the kill: " + Fixtures.entries(run));
        }
    }

    /**
     * A full disk (a 2 MiB tmpfs, in a mount namespace of the child's own): the first checkpoint of about
     * 1.2 MiB fits, the second does not. The run stops with one line naming the folder and the file that
     * did not fit, exit code 2; epoch 1 stays loadable and metrics.jsonl ends with it. Skipped where
     * unshare(1) may not mount (it needs user namespaces, or root).
     */
    @Test
    void aFullDiskStopsTheRunWithOneLineAndKeepsTheLastCheckpoint() throws IOException, InterruptedException {
        Path dir = Fixtures.newDir("full-disk");
        Path mount = Files.createDirectory(dir.resolve("small-disk"));
        Path copy = dir.resolve("run-after");
        Path run = mount.resolve("run");
        assumeTrue(canMountTmpfs(dir), "unshare cannot mount a tmpfs here");
        String train = String.join(" ", Child.command("train", "--data", Fixtures.smallDigits().toString(), "--out",
                run.toString(), "--epochs", "3", "--hidden", "64", "--latent", "4", "--quiet").stream()
                .map(RunFolderProcessTest::shellQuote).toList());
        String script = "mount -t tmpfs -o size=2m tmpfs " + shellQuote(mount.toString()) + " || exit 97\n"
                + train + "\ncode=$?\ncp -a " + shellQuote(run.toString()) + " " + shellQuote(copy.toString())
                + "\nexit $code\n";
        Child child = Child.startCommand(dir.resolve("child"), List.of("unshare", "-rm", "sh", "-c", script));
        child.waitFor(180);
        assertEquals(ExitCodes.BAD_INPUT, child.exitCode(), child::describe);
        List<String> err = child.errLines();
        assertEquals(1, err.size(), child::describe);
        String line = err.get(0);
        assertTrue(line.startsWith("vae4j: " + run.resolve("model") + ": cannot save the model: writing "),
                child::describe);
        assertTrue(line.endsWith("bytes) failed: No space left on device; the last good checkpoint (epoch 1) is kept"),
                child::describe);

        assertEquals(List.of(".train.lock", "metrics.jsonl", "model"), Fixtures.entries(copy));
        assertEquals(List.of(1), Fixtures.readJsonLines(copy.resolve("metrics.jsonl")).stream()
                .map(n -> n.get("epoch").asInt()).toList());
        try (NDManager m = NDManager.newBaseManager(); LoadedModel model = ModelStore.load(copy, m)) {
            assertEquals(1, model.info().epochsDone());
        }
    }

    private static boolean canMountTmpfs(Path dir) throws InterruptedException {
        try {
            Path probe = Files.createDirectory(dir.resolve("probe"));
            Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs "
                    + shellQuote(probe.toString())).redirectErrorStream(true).redirectOutput(
                    ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static int metricsLines(Path run) {
        Path metrics = run.resolve("metrics.jsonl");
        try {
            return Files.exists(metrics) ? (int) Files.readAllLines(metrics).stream().filter(l -> l.endsWith("}"))
                    .count() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tool (or a command around it) in a process of its own, its output in files. */
    private record Child(Process process, Path out, Path err) {

        /** java with the test's class path, running Main with the arguments. */
        static List<String> command(String... args) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Dai.djl.pytorch.num_threads=1",
                    "-Dvae4j.home=" + System.getProperty("vae4j.home", "."), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            return command;
        }

        static Child start(Path dir, String... args) throws IOException {
            return startCommand(dir, command(args));
        }

        static Child startCommand(Path dir, List<String> command) throws IOException {
            Files.createDirectories(dir);
            Path out = dir.resolve("stdout.txt");
            Path err = dir.resolve("stderr.txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            return new Child(process, out, err);
        }

        long pid() {
            return process.pid();
        }

        void waitFor(int seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("no exit within " + seconds + " s; " + describe());
            }
        }

        /** Polls until the condition holds; fails if the process ends first or it takes too long. */
        void waitUntil(BooleanSupplier condition, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!condition.getAsBoolean()) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    kill();
                    throw new AssertionError("the condition did not come true; " + describe());
                }
                Thread.sleep(5);
            }
        }

        /** SIGKILL, as the OOM killer or kill -9 would: no shutdown hook, no finally. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        int exitCode() {
            return process.exitValue();
        }

        List<String> errLines() {
            try {
                return Files.readAllLines(err, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String describe() {
            try {
                return "child exited " + (process.isAlive() ? "(running)" : process.exitValue()) + "\n--- stdout:\n"
                        + Files.readString(out) + "--- stderr:\n" + Files.readString(err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
