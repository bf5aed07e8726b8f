package org.vae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.error.InputException;
import org.vae4j.io.ModelStore.LoadedModel;

/**
 * Every byte of a model folder is checked: a flipped or added byte in any file fails the load with one
 * message naming that file; model.json holds exactly the fields of its format version; folders of
 * formats 1, 2 and 3, as the vae4j of their time wrote them (test resources legacy/, made by make.sh there),
 * still load.
 */
class ModelFolderIntegrityTest {

    @TempDir
    Path tmp;
    private final TinyModel tiny = new TinyModel();

    @AfterEach
    void close() {
        tiny.close();
    }

    @Test
    void aFlippedOrAddedByteAnywhereIsReportedWithItsFile() throws IOException {
        Path dir = tmp.resolve("model");
        ModelStore.save(dir, tiny.model, TinyModel.INFO, tiny.adam);
        for (String name : List.of("model.json", "checksums.sha256", "parameters.bin", "optimizer.bin")) {
            Path file = dir.resolve(name);
            byte[] bytes = Files.readAllBytes(file);
            // every byte of the small files, a spread of those of the arrays; each bit in turn
            int stride = name.endsWith(".bin") ? 23 : 1;
            List<byte[]> damaged = new ArrayList<>();
            for (int at = 0; at < bytes.length; at += stride) {
                byte[] flipped = bytes.clone();
                flipped[at] ^= (byte) (1 << (at % 8));
                damaged.add(flipped);
            }
            for (String tail : List.of("x", "}", " ", "\n", "{}")) {
                damaged.add(concat(bytes, tail.getBytes(StandardCharsets.US_ASCII)));
            }
            damaged.add(Arrays.copyOf(bytes, bytes.length - 1));
            for (byte[] content : damaged) {
                Files.write(file, content);
                InputException e = assertThrows(InputException.class, () -> ModelStore.load(dir, tiny.manager).close(),
                        () -> name + " damaged");
                assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
                assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            }
            Files.write(file, bytes);
        }
        try (LoadedModel loaded = ModelStore.load(dir, tiny.manager)) {
            assertArrayEquals(tiny.parameter(0), loaded.model().parameters().get(0).getArray().toFloatArray(),
                    "with every byte put back, the folder loads");
        }
    }

    /** A manifest that lists a file twice, an unknown file or too few files is damaged, though self-consistent. */
    @Test
    void theManifestListsExactlyTheModelFiles() throws IOException {
        Path dir = tmp.resolve("model");
        ModelStore.save(dir, tiny.model, TinyModel.INFO, tiny.adam);
        String json = Manifest.sha256(Files.readAllBytes(dir.resolve("model.json")));
        String parameters = Manifest.sha256(Files.readAllBytes(dir.resolve("parameters.bin")));
        List<Map<String, String>> bad = List.of(
                Map.of("model.json", json),
                Map.of("parameters.bin", parameters),
                orderedMap("model.json", json, "parameters.bin", parameters, "notes.txt", json));
        for (Map<String, String> listed : bad) {
            Files.write(dir.resolve(Manifest.NAME), Manifest.encode(listed));
            InputException e = assertThrows(InputException.class, () -> ModelStore.loadForInference(dir, tiny.manager),
                    listed::toString);
            assertTrue(e.getMessage().startsWith(dir.resolve(Manifest.NAME) + ": corrupt model file"), e.getMessage());
        }
        Files.delete(dir.resolve(Manifest.NAME));
        InputException missing = assertThrows(InputException.class, () -> ModelStore.readInfo(dir));
        assertTrue(missing.getMessage().startsWith(dir.resolve(Manifest.NAME) + ": missing"), missing.getMessage());
    }

    /**
     * Evaluating needs no optimizer state, so a folder without optimizer.bin serves it; resuming does, and
     * is refused in one line naming the file.
     */
    @Test
    void withoutOptimizerStateAModelLoadsForUseButNotForResuming() throws IOException {
        Path dir = tmp.resolve("model");
        ModelStore.save(dir, tiny.model, TinyModel.INFO, tiny.adam);
        Path optimizer = dir.resolve("optimizer.bin");
        Files.delete(optimizer);
        try (LoadedModel loaded = ModelStore.loadForInference(dir, tiny.manager)) {
            assertNull(loaded.optimizerState());
        }
        InputException e = assertThrows(InputException.class, () -> ModelStore.load(dir, tiny.manager));
        assertEquals(optimizer + ": missing from the model folder; resuming training needs it (using the model does "
                + "not)", e.getMessage());
    }

    @Test
    void foldersOfFormatsOneTwoAndThreeStillLoad() throws IOException {
        for (String version : List.of("v1", "v2", "v3")) {
            Path dir = copyOfLegacy(version);
            Path modelDir = dir.resolve("model");
            assertEquals(Integer.parseInt(version.substring(1)), formatVersion(modelDir));
            try (LoadedModel loaded = ModelStore.load(dir, tiny.manager);
                    NDList arrays = NDList.decode(tiny.manager, Files.readAllBytes(modelDir.resolve("parameters.bin")))) {
                assertEquals(modelDir, loaded.dir());
                assertEquals(TinyModel.CONFIG, loaded.info().config());
                assertEquals(TinyModel.TRAINING, loaded.info().training());
                assertEquals(3, loaded.info().epochsDone());
                assertArrayEquals(TinyModel.DATA.scaleMax(), loaded.info().data().scaleMax());
                for (int i = 0; i < arrays.size(); i++) {
                    assertArrayEquals(arrays.get(i).toFloatArray(),
                            loaded.model().parameters().get(i).getArray().toFloatArray(), version + " parameter " + i);
                }
                assertEquals(!version.equals("v1"), loaded.optimizerState() != null, version);
                // the next save (a resumed run's checkpoint) writes the current format
                ModelStore.save(modelDir, loaded.model(), loaded.info().withEpochsDone(4), null);
            }
            assertEquals(ModelJson.FORMAT_VERSION, formatVersion(modelDir));
            assertEquals(4, ModelStore.readInfo(dir).epochsDone());
        }
    }

    /**
     * Version 2 holds no checksum of model.json, so the fields guard it: a flip that makes another field name
     * or adds content after the object, a field missing or twice, is refused, naming the field.
     */
    @Test
    void modelJsonOfFormatTwoHoldsExactlyItsFields() throws IOException {
        Path dir = copyOfLegacy("v2");
        Path json = dir.resolve("model/model.json");
        String text = Files.readString(json);
        assertRefused(json, text.replace("\"prior\"", "\"vrior\""), "unknown field 'model.vrior'");
        assertRefused(json, text.replace("\"components\"", "\"compo|ents\""), "unknown field 'model.compo|ents'");
        assertRefused(json, text.replace("\"k\"", "\"\\u001bk\""), "unknown field 'training.\\u001bk'");
        assertRefused(json, text.replace("\"prior\" : \"standard\",", ""), "missing field 'model.prior'");
        assertRefused(json, text.replace("\"objective\" : \"elbo\",", ""), "missing field 'training.objective'");
        assertRefused(json, text.replace("\"seed\" : 17", "\"seed\" : 17, \"seed\" : 18"), "invalid JSON");
        assertRefused(json, text + "x", "invalid JSON");
        assertRefused(json, text + "}", "invalid JSON");
        assertRefused(json, text + "[1]", "content after the JSON object");
        assertRefused(json, text + "{}", "content after the JSON object");
        assertRefused(json, text.replace("\"binarize\" : true", "\"binarize\" : \"true\""),
                "field 'binarize' is not true or false");
        assertRefused(json, text.replace("\"batch\" : 16", "\"batch\" : 16.5"), "field 'batch' is not an integer");
        assertRefused(json, text.replace("\"hidden\" : [ 3 ]", "\"hidden\" : [ \"3\" ]"),
                "field 'model.hidden' holds '\"3\"', not an integer");
        assertRefused(json, text.replace("\"parameters_sha256\"", "\"parameters_sha265\""),
                "unknown field 'files.parameters_sha265'");
        Files.writeString(json, text.replace("\"format_version\" : 2", "\"format_version\" : 3"));
        InputException v3 = assertThrows(InputException.class, () -> ModelStore.readInfo(dir));
        assertTrue(v3.getMessage().startsWith(dir.resolve("model/checksums.sha256") + ": missing from the model folder"),
                v3.getMessage());
        Files.writeString(json, text);
        ModelStore.readInfo(dir);
    }

    /** Version 1 predates the prior and the objective: their fields may be missing, no other. */
    @Test
    void modelJsonOfFormatOneMayLackTheFieldsOfLaterVersions() throws IOException {
        Path dir = copyOfLegacy("v1");
        Path json = dir.resolve("model/model.json");
        String text = Files.readString(json);
        assertTrue(!text.contains("\"prior\"") && !text.contains("\"objective\""), text);
        String withPrior = text.replace("\"sigma\" : 0.1", "\"sigma\" : 0.1, \"classes\" : 0, \"prior\" : \"standard\", "
                + "\"components\" : 0");
        Files.writeString(json, withPrior);
        assertEquals(TinyModel.CONFIG, ModelStore.readInfo(dir).config());
        assertRefused(json, text.replace("\"sigma\" : 0.1", "\"sigma\" : 0.1, \"vrior\" : \"mog\""),
                "unknown field 'model.vrior'");
        assertRefused(json, text.replace("\"warmup\" : 2,", ""), "missing field 'training.warmup'");
        assertRefused(json, text.replace("\"java\" : ", "\"jvm\" : "), "unknown field 'versions.jvm'");
    }

    private static void assertRefused(Path json, String text, String problem) throws IOException {
        Files.writeString(json, text);
        InputException e = assertThrows(InputException.class, () -> ModelStore.readInfo(json.getParent()), problem);
        assertTrue(e.getMessage().startsWith(json + ": ") && e.getMessage().contains(problem), e.getMessage());
    }

    /** A copy of legacy/VERSION (a run folder holding model/), to change. */
    private Path copyOfLegacy(String version) {
        try {
            Path source = Path.of(getClass().getResource("legacy/" + version + "/model/model.json").toURI())
                    .getParent();
            Path copy = Files.createDirectories(tmp.resolve(version).resolve("model"));
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName().toString()));
                }
            }
            return copy.getParent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int formatVersion(Path modelDir) throws IOException {
        return new ObjectMapper().readTree(modelDir.resolve("model.json").toFile())
                .get("format_version").asInt();
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
