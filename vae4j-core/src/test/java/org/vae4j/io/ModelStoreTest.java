package org.vae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.dist.Ops;
import org.vae4j.io.ModelStore.LoadedModel;
import org.vae4j.model.LatentModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.optim.Adam;
import org.vae4j.train.TrainConfig;
import org.vae4j.error.InputException;

class ModelStoreTest {

    private static final ModelConfig CONFIG = TinyModel.CONFIG;
    private static final TrainConfig TRAINING = TinyModel.TRAINING;
    private static final DataInfo DATA = TinyModel.DATA;
    private static final ModelInfo INFO = TinyModel.INFO;

    @TempDir
    Path tmp;
    private TinyModel tiny;
    private NDManager manager;
    private LatentModel model;
    private Adam adam;

    @BeforeEach
    void createModel() {
        tiny = new TinyModel();
        manager = tiny.manager;
        model = tiny.model;
        adam = tiny.adam;
    }

    @AfterEach
    void close() {
        tiny.close();
    }

    @Test
    void roundTripGivesIdenticalParametersOutputsAndInfo() {
        Path dir = tmp.resolve("run").resolve(ModelStore.MODEL_DIR);
        ModelStore.save(dir, model, INFO, adam);
        try (LoadedModel loaded = ModelStore.load(tmp.resolve("run"), manager)) {
            assertEquals(dir, loaded.dir());
            for (int i = 0; i < model.parameters().size(); i++) {
                assertArrayEquals(model.parameters().get(i).getArray().toFloatArray(),
                        loaded.model().parameters().get(i).getArray().toFloatArray());
            }
            NDArray z = manager.create(new float[] {0.3f, -1.2f, 2.0f, 0.5f}, new Shape(2, 2));
            NDArray x = manager.create(new float[] {0.1f, 0.5f, 0.9f, 0.2f, 0.0f, 1.0f, 0.3f, 0.7f}, new Shape(2, 4));
            assertArrayEquals(model.decode(LatentModel.inference(manager), z, false).logProb(x).toFloatArray(),
                    loaded.model().decode(LatentModel.inference(manager), z, false).logProb(x).toFloatArray());
            ModelInfo info = loaded.info();
            assertEquals(CONFIG, info.config());
            assertEquals(TRAINING, info.training());
            assertEquals(3, info.epochsDone());
            assertEquals(DATA.name(), info.data().name());
            assertEquals(DATA.fingerprint(), info.data().fingerprint());
            assertEquals(DATA.trainSize(), info.data().trainSize());
            assertEquals(DATA.testSize(), info.data().testSize());
            assertArrayEquals(DATA.scaleMin(), info.data().scaleMin());
            assertArrayEquals(DATA.scaleMax(), info.data().scaleMax());
            NDList saved = adam.state();
            NDList restored = loaded.optimizerState();
            assertNotNull(restored);
            assertEquals(saved.size(), restored.size());
            assertArrayEquals(saved.get(0).toLongArray(), restored.get(0).toLongArray());
            for (int i = 1; i < saved.size(); i++) {
                assertArrayEquals(saved.get(i).toFloatArray(), restored.get(i).toFloatArray());
            }
        }
    }

    @Test
    void saveLeavesNoTemporaryFolderBehindAndReplacesAnOldModel() throws IOException {
        Path dir = tmp.resolve("model");
        ModelStore.save(dir, model, INFO, null);
        assertEquals(List.of("model"), names(tmp));
        assertEquals(List.of("checksums.sha256", "model.json", "parameters.bin"), names(dir));
        // a second save replaces the first, again leaving only the model folder
        model.parameters().get(0).getArray().addi(Ops.scalar(manager, 1.0));
        ModelStore.save(dir, model, INFO.withEpochsDone(4), adam);
        assertEquals(List.of("model"), names(tmp));
        assertEquals(List.of("checksums.sha256", "model.json", "optimizer.bin", "parameters.bin"), names(dir));
        try (LoadedModel loaded = ModelStore.load(dir, manager)) {
            assertEquals(4, loaded.info().epochsDone());
            assertArrayEquals(model.parameters().get(0).getArray().toFloatArray(),
                    loaded.model().parameters().get(0).getArray().toFloatArray());
        }
    }

    @Test
    void loadingFromAnEmptyFolderNamesTheFolder() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        InputException e = assertThrows(InputException.class, () -> ModelStore.load(empty, manager));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        Path missing = tmp.resolve("missing");
        InputException notThere = assertThrows(InputException.class, () -> ModelStore.load(missing, manager));
        assertTrue(notThere.getMessage().contains(missing.toString()), notThere.getMessage());
    }

    @Test
    void garbageModelJsonIsReportedWithItsName() throws IOException {
        Path dir = tmp.resolve("model");
        ModelStore.save(dir, model, INFO, null);
        Path json = dir.resolve("model.json");
        byte[] random = new byte[200];
        new SplittableRandom(1).nextBytes(random);
        List<byte[]> garbage = List.of(
                random,
                new byte[0],
                new byte[] {0, 0, 0, 0},
                new byte[] {(byte) 0xff, (byte) 0xfe, 0x41, 0x00, (byte) 0xd8},
                "{\"format\": \"vae4j-model\", \"model\": [1, 2".getBytes(StandardCharsets.UTF_8),
                "[1, 2, 3]".getBytes(StandardCharsets.UTF_8),
                "{\"format\": \"something-else\"}".getBytes(StandardCharsets.UTF_8));
        for (byte[] bytes : garbage) {
            Files.write(json, bytes);
            InputException e = assertThrows(InputException.class, () -> ModelStore.load(dir, manager),
                    "content of " + bytes.length + " bytes");
            assertTrue(e.getMessage().contains(json.toString()), e.getMessage());
        }
    }

    @Test
    void aMissingFieldIsNamed() throws IOException {
        Path dir = tmp.resolve("model");
        ModelStore.save(dir, model, INFO, null);
        Path json = dir.resolve("model.json");
        String text = Files.readString(json);
        Files.writeString(json, text.replace("\"latents\"", "\"latent_dim\""));
        resign(dir);
        InputException e = assertThrows(InputException.class, () -> ModelStore.load(dir, manager));
        assertTrue(e.getMessage().contains(json.toString()) && e.getMessage().contains("unknown field 'model.latent_dim'"),
                e.getMessage());
        Files.writeString(json, text.replace("\"latents\" : [ 2 ],", ""));
        resign(dir);
        e = assertThrows(InputException.class, () -> ModelStore.load(dir, manager));
        assertTrue(e.getMessage().contains(json.toString()) && e.getMessage().contains("missing field 'model.latents'"),
                e.getMessage());
    }

    @Test
    void aFlippedByteInTheParametersFailsTheChecksum() throws IOException {
        Path dir = tmp.resolve("model");
        ModelStore.save(dir, model, INFO, adam);
        for (String file : List.of("parameters.bin", "optimizer.bin")) {
            Path path = dir.resolve(file);
            byte[] bytes = Files.readAllBytes(path);
            byte[] flipped = bytes.clone();
            flipped[bytes.length - 3] ^= 0x01;
            Files.write(path, flipped);
            InputException e = assertThrows(InputException.class, () -> ModelStore.load(dir, manager), file);
            assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("checksum"), e.getMessage());
            Files.write(path, bytes);
        }
        try (LoadedModel loaded = ModelStore.load(dir, manager)) {
            assertNotNull(loaded.optimizerState(), "restoring the bytes makes the model loadable again");
        }
    }

    @Test
    void missingParametersAreNamed() throws IOException {
        Path dir = tmp.resolve("model");
        ModelStore.save(dir, model, INFO, null);
        Path parameters = dir.resolve("parameters.bin");
        Files.delete(parameters);
        InputException e = assertThrows(InputException.class, () -> ModelStore.load(dir, manager));
        assertTrue(e.getMessage().contains(parameters.toString()), e.getMessage());
    }

    @Test
    void parametersThatDoNotFitTheArchitectureAreNamed() throws IOException {
        Path dir = tmp.resolve("model");
        ModelStore.save(dir, model, INFO, null);
        Path json = dir.resolve("model.json");
        // a consistent model.json (checksums intact) describing another architecture
        Files.writeString(json, Files.readString(json).replace("\"latents\" : [ 2 ]", "\"latents\" : [ 3 ]"));
        resign(dir);
        InputException e = assertThrows(InputException.class, () -> ModelStore.load(dir, manager));
        assertTrue(e.getMessage().contains(dir.resolve("parameters.bin").toString()), e.getMessage());
    }

    /** Rewrites the manifest for the files as they are: a model.json edited by hand, checksums made anew. */
    static void resign(Path dir) throws IOException {
        Map<String, String> sha256 = new LinkedHashMap<>();
        for (String name : List.of("model.json", "parameters.bin", "optimizer.bin")) {
            if (Files.exists(dir.resolve(name))) {
                sha256.put(name, Manifest.sha256(Files.readAllBytes(dir.resolve(name))));
            }
        }
        Files.write(dir.resolve(Manifest.NAME), Manifest.encode(sha256));
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
