package org.vae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.error.InputException;
import org.vae4j.io.ModelStore.LoadedModel;

/**
 * A save killed at any point, or one that runs out of disk, leaves the last complete model loadable. A save
 * writes a temporary folder {@code .model.tmp-*}, moves {@code model} aside to {@code .model.old}, moves the
 * temporary folder to {@code model} and deletes {@code .model.old}: each test leaves the folders as a kill
 * at one of those points would, then loads, and saves again.
 */
class InterruptedSaveTest {

    @TempDir
    Path run;
    private TinyModel tiny;
    private Path model;
    /** The parameters saved as epoch 3 (in model/) and those of epoch 4, whose save is interrupted. */
    private float[] epoch3;
    private float[] epoch4;
    /** A complete folder of epoch 4, as the temporary folder is when it is complete. */
    private Path complete4;

    @BeforeEach
    void saveEpochThreeAndWriteEpochFour() throws IOException {
        tiny = new TinyModel();
        model = run.resolve("model");
        ModelStore.save(model, tiny.model, TinyModel.INFO, tiny.adam);
        epoch3 = tiny.parameter(0);
        tiny.step();
        epoch4 = tiny.parameter(0);
        Path elsewhere = Files.createTempDirectory("epoch4");
        ModelStore.save(elsewhere.resolve("model"), tiny.model, TinyModel.INFO.withEpochsDone(4), tiny.adam);
        complete4 = elsewhere.resolve("model");
    }

    @AfterEach
    void close() throws IOException {
        tiny.close();
        deleteTree(complete4.getParent());
    }

    @Test
    void killedWhileWritingTheTemporaryFolder() throws IOException {
        Path tmp = Files.createDirectory(run.resolve(".model.tmp-123"));
        Files.write(tmp.resolve("parameters.bin"), new byte[] {1, 2, 3});
        assertLoads(3, epoch3, model);
        saveEpochFourAgain();
    }

    @Test
    void killedWithTheTemporaryFolderCompleteBeforeTheSwap() throws IOException {
        copy(complete4, run.resolve(".model.tmp-456"));
        assertLoads(3, epoch3, model);
        saveEpochFourAgain();
    }

    /** The window the swap had: no model/, the old one aside, the new one complete but not in place. */
    @Test
    void killedBetweenTheTwoRenames() throws IOException {
        copy(complete4, run.resolve(".model.tmp-789"));
        Files.move(model, run.resolve(".model.old"));
        assertTrue(ModelStore.exists(run), "a model is there, set aside");
        assertLoads(3, epoch3, model);
        // the model folder named by itself is found aside too
        try (LoadedModel loaded = ModelStore.loadForInference(model, tiny.manager)) {
            assertEquals(3, loaded.info().epochsDone());
        }
        assertEquals(3, ModelStore.readInfo(run).epochsDone());
        saveEpochFourAgain();
    }

    @Test
    void killedBeforeTheOldFolderWasDeleted() throws IOException {
        Files.move(model, run.resolve(".model.old"));
        copy(complete4, model);
        assertLoads(4, epoch4, model);
        saveEpochFourAgain();
    }

    /** vae4j before this change named the folder aside by the time: .model.old-NANOS. */
    @Test
    void killedBetweenTheRenamesOfAnEarlierVersion() throws IOException {
        Files.move(model, run.resolve(".model.old-8731872198"));
        assertLoads(3, epoch3, model);
        saveEpochFourAgain();
    }

    /**
     * A disk that fills up while any file of the checkpoint is written: one line naming the folder, the file
     * and its size; the model of epoch 3 stays, whole, and no temporary folder.
     */
    @Test
    void aFullDiskKeepsTheLastModel() throws IOException {
        for (String failing : List.of("parameters.bin", "optimizer.bin", "model.json", "checksums.sha256")) {
            ModelStore.FileWriter diskFull = (file, bytes) -> {
                if (file.getFileName().toString().equals(failing)) {
                    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
                    throw new IOException("No space left on device");
                }
                Files.write(file, bytes);
            };
            InputException e = assertThrows(InputException.class,
                    () -> ModelStore.save(model, tiny.model, TinyModel.INFO.withEpochsDone(4), tiny.adam, diskFull));
            assertTrue(e.getMessage().startsWith(model + ": cannot save the model: writing " + failing + " ("),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(" bytes) failed: No space left on device"), e.getMessage());
            assertEquals(List.of("model"), ModelStoreTest.names(run), failing);
            assertLoads(3, epoch3, model);
        }
    }

    /**
     * Another process loads the model of a run while the run checkpoints (every few milliseconds here): it
     * gets one checkpoint whole, never the model.json of one with the parameters of the next, nor a file
     * deleted under it.
     */
    @Test
    void loadingWhileAnotherThreadSavesGetsWholeCheckpoints() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService saver = Executors.newSingleThreadExecutor();
        Future<Integer> saves = saver.submit(() -> {
            int n = 0;
            while (!stop.get()) {
                ModelStore.save(model, tiny.model, TinyModel.INFO.withEpochsDone(4 + n % 2), tiny.adam);
                n++;
            }
            return n;
        });
        int loads = 0;
        try (NDManager reader = NDManager.newBaseManager()) {
            for (long end = System.nanoTime() + 1_500_000_000L; System.nanoTime() < end; loads++) {
                assertTrue(ModelStore.readInfo(run).epochsDone() >= 3);
                try (LoadedModel loaded = ModelStore.loadForInference(run, reader)) {
                    // the folder of epoch 3 until the first save ends, then those of "epochs" 4 and 5
                    assertArrayEquals(loaded.info().epochsDone() == 3 ? epoch3 : epoch4,
                            loaded.model().parameters().get(0).getArray().toFloatArray());
                }
            }
        } finally {
            stop.set(true);
            saver.shutdown();
        }
        assertTrue(saves.get() > 20 && loads > 20, saves.get() + " saves, " + loads + " loads");
    }

    /**
     * The race that CI once lost: a load finds the model folder aside between the save's two renames; the save
     * then puts the new folder in and deletes the one aside, file by file, before the load reads its identity
     * (so the folder looks unchanged: same inode and times). The load reads again, from the new folder.
     */
    @Test
    void aFolderAsideDeletedUnderALoadIsReadAgainFromTheNewOne() throws IOException {
        Path aside = run.resolve(".model.old");
        Files.move(model, aside);
        List<Path> read = new ArrayList<>();
        Path found = ModelStore.readWhole(run, dir -> {
            read.add(dir);
            if (read.size() == 1) {
                try {
                    FileTime before = Files.getLastModifiedTime(aside);
                    copy(complete4, model);
                    Files.delete(aside.resolve("checksums.sha256"));
                    Files.setLastModifiedTime(aside, before);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                throw InputException.of(dir.resolve("checksums.sha256"), "missing from the model folder");
            }
            return dir;
        });
        assertEquals(List.of(aside, model), read);
        assertEquals(model, found);
    }

    /** A fault in a folder that stays the one found is reported at once, not read again. */
    @Test
    void aFaultInTheFolderFoundIsReportedAtOnce() {
        List<Path> read = new ArrayList<>();
        InputException e = assertThrows(InputException.class, () -> ModelStore.readWhole(run, dir -> {
            read.add(dir);
            throw InputException.of(dir.resolve("model.json"), "corrupt model file: invalid JSON at line 1");
        }));
        assertEquals(List.of(model), read);
        assertEquals(model.resolve("model.json") + ": corrupt model file: invalid JSON at line 1", e.getMessage());
    }

    private void assertLoads(int epochs, float[] parameters, Path dir) {
        try (LoadedModel loaded = ModelStore.load(run, tiny.manager)) {
            assertEquals(epochs, loaded.info().epochsDone());
            assertEquals(dir, loaded.dir());
            assertArrayEquals(parameters, loaded.model().parameters().get(0).getArray().toFloatArray());
        }
    }

    /** The next save puts the folder right: model/ of epoch 4 and nothing beside it. */
    private void saveEpochFourAgain() throws IOException {
        ModelStore.save(model, tiny.model, TinyModel.INFO.withEpochsDone(4), tiny.adam);
        assertEquals(List.of("model"), ModelStoreTest.names(run));
        assertLoads(4, epoch4, model);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
