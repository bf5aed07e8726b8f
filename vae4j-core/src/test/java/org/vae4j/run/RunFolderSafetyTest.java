package org.vae4j.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.DataSplit;
import org.vae4j.data.Dataset;
import org.vae4j.error.InputException;
import org.vae4j.io.ModelStore;
import org.vae4j.model.ModelConfig;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainConfig;
import org.vae4j.train.TrainingDivergedException;
import org.vae4j.train.TrainingListener;

/**
 * What a run folder holds when a run ends early, or two runs meet there: metrics.jsonl and the
 * checkpoint agree after a resume, one run at a time writes the folder, and a new run that saved nothing
 * leaves nothing.
 */
class RunFolderSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelConfig CONFIG = ModelConfig.builder().shape(1, 4).latentDim(2).hidden(List.of(8))
            .build();
    private static final DataSplit DATA = new DataSplit(rows(64, 1), rows(16, 2), null, "synthetic");

    @TempDir
    Path tmp;

    /**
     * An epoch's line goes to metrics.jsonl before its checkpoint: a run killed in between leaves a line
     * beyond the checkpoint, which the resume drops before it trains that epoch again.
     */
    @Test
    void aMetricsLineBeyondTheCheckpointIsDroppedOnResume() throws IOException {
        Path run = tmp.resolve("run");
        train(run, 2, false);
        Path metrics = run.resolve(RunFolder.METRICS);
        byte[] twoEpochs = Files.readAllBytes(metrics);
        Files.writeString(metrics, "{\"epoch\":3,\"test_loss\":12345.0}\n", StandardOpenOption.APPEND);

        List<EpochMetrics> history = train(run, 3, true);
        assertEquals(List.of(1, 2, 3), history.stream().map(EpochMetrics::epoch).toList());
        List<String> lines = Files.readAllLines(metrics);
        assertEquals(List.of(1, 2, 3), lines.stream().map(l -> epoch(l)).toList(), lines::toString);
        assertFalse(lines.get(2).contains("12345"), lines.get(2));
        assertArrayEquals(twoEpochs, prefix(Files.readAllBytes(metrics), twoEpochs.length), "epochs 1 and 2 as written");
        assertEquals(3, ModelStore.readInfo(run).epochsDone());
    }

    /** A line cut short (a kill or a full disk in the middle of the append) goes too. */
    @Test
    void aLastLineCutShortIsDroppedOnResume() throws IOException {
        Path run = tmp.resolve("run");
        train(run, 1, false);
        Path metrics = run.resolve(RunFolder.METRICS);
        Files.writeString(metrics, "{\"epoch\":2,\"seco", StandardOpenOption.APPEND);
        train(run, 2, true);
        assertEquals(List.of(1, 2), Files.readAllLines(metrics).stream().map(l -> epoch(l)).toList());
    }

    /** When the listeners of the run hear of epoch N, its line and its checkpoint are both on disk. */
    @Test
    void eachEpochIsLoggedAndCheckpointedBeforeTheListenersHearOfIt() {
        Path run = tmp.resolve("run");
        List<String> seen = new ArrayList<>();
        TrainingListener check = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                List<String> lines = lines(run.resolve(RunFolder.METRICS));
                seen.add(m.epoch() + ": " + lines.size() + " lines, last " + epoch(lines.get(lines.size() - 1))
                        + ", checkpoint " + ModelStore.readInfo(run).epochsDone());
            }
        };
        try (Training training = Training.builder().data(DATA).model(CONFIG).training(settings(3)).runFolder(run)
                .listener(check).build()) {
            training.fit();
        }
        assertEquals(List.of("1: 1 lines, last 1, checkpoint 1", "2: 2 lines, last 2, checkpoint 2",
                "3: 3 lines, last 3, checkpoint 3"), seen);
    }

    /**
     * A run holds its folder's lock from build to close: a second run into the folder, new or resumed,
     * refuses in one line while the first is open, and starts once it is closed. (In one JVM the lock shows
     * as an OverlappingFileLockException; the CLI's tests show it across processes.)
     */
    @Test
    void aSecondRunIntoTheSameFolderIsRefusedWhileTheFirstHoldsIt() throws IOException {
        Path run = tmp.resolve("run");
        try (Training first = Training.builder().data(DATA).model(CONFIG).training(settings(1)).runFolder(run)
                .build()) {
            for (boolean resume : new boolean[] {false, true}) {
                Training.Builder second = Training.builder().data(DATA).model(CONFIG).training(settings(2))
                        .runFolder(run).resume(resume);
                InputException e = assertThrows(InputException.class, second::build);
                assertEquals(run + ": another training run (in this process) is writing this folder; wait for it "
                        + "to end or choose another folder", e.getMessage());
            }
            first.fit();
        }
        assertEquals(List.of(".train.lock", "metrics.jsonl", "model"), entries(run));
        assertEquals(2, train(run, 2, true).size());
    }

    /** A new run that diverges in its first epoch removes the folders it made, and its lock file. */
    @Test
    void aRunThatDivergesBeforeItsFirstCheckpointLeavesNothing() throws IOException {
        Path made = tmp.resolve("made");
        Path run = made.resolve("by").resolve("run");
        Path existing = Files.createDirectory(tmp.resolve("existing"));
        for (Path out : List.of(run, existing)) {
            TrainConfig explosive = new TrainConfig(2, 16, 1e30, 1, 0, false, 1);
            try (Training training = Training.builder().data(DATA).model(CONFIG).training(explosive).runFolder(out)
                    .build()) {
                TrainingDivergedException e = assertThrows(TrainingDivergedException.class, training::fit);
                assertTrue(e.getMessage().contains("at epoch 1"), e.getMessage());
            }
        }
        assertFalse(Files.exists(made), "the folders the run made are gone");
        assertEquals(List.of(), entries(existing), "a folder that was there stays, empty");
    }

    /** A metrics.jsonl of another run is not appended to: the run refuses, and leaves the folder as it was. */
    @Test
    void aFolderWithAnotherRunsMetricsIsRefused() throws IOException {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Path metrics = run.resolve(RunFolder.METRICS);
        Files.writeString(metrics, "{\"epoch\":1,\"test_loss\":99.0}\n");
        InputException e = assertThrows(InputException.class,
                () -> Training.builder().data(DATA).model(CONFIG).training(settings(1)).runFolder(run).build());
        assertEquals(metrics + ": is left from another run; choose another folder", e.getMessage());
        assertEquals(List.of("metrics.jsonl"), entries(run));
        assertEquals("{\"epoch\":1,\"test_loss\":99.0}\n", Files.readString(metrics));
    }

    /** Trains (or resumes) up to {@code epochs} into {@code run}; the history of the whole run. */
    private static List<EpochMetrics> train(Path run, int epochs, boolean resume) {
        Training.Builder builder = Training.builder().data(DATA).training(settings(epochs)).runFolder(run)
                .resume(resume);
        try (Training training = (resume ? builder : builder.model(CONFIG)).build()) {
            return training.fit().history();
        }
    }

    private static TrainConfig settings(int epochs) {
        return new TrainConfig(epochs, 16, 1e-3, 1, 0, false, 1);
    }

    private static Dataset rows(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        return Dataset.tabular("synthetic", x, null, n, 4);
    }

    private static int epoch(String line) {
        try {
            return JSON.readTree(line).get("epoch").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] prefix(byte[] bytes, int n) {
        return Arrays.copyOf(bytes, n);
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
