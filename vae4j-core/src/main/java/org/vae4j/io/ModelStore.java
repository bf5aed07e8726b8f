package org.vae4j.io;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.vae4j.dist.Ops;
import org.vae4j.model.LatentModel;
import org.vae4j.optim.Adam;
import org.vae4j.error.InputException;

/**
 * Saves and loads models as a folder: {@code model.json} (configuration, training settings, data
 * provenance, library versions, SHA-256 of the other files, format version), {@code parameters.bin}
 * (the parameter arrays of the encoder, the decoder and a learned prior, as a DJL NDList) and, for resuming, {@code optimizer.bin}.
 *
 * <p>A save never leaves a half-written model: the files go to a temporary sibling folder that then
 * replaces the old one by renames. A load checks the checksums and says which file is wrong.
 */
public final class ModelStore {

    /** The model folder's name inside a run folder. */
    public static final String MODEL_DIR = "model";
    static final String JSON = "model.json";
    static final String PARAMETERS = "parameters.bin";
    static final String OPTIMIZER = "optimizer.bin";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelStore() {
    }

    /** A loaded model with its description and, if saved, the optimizer's state (for resuming). */
    public record LoadedModel(LatentModel model, ModelInfo info, NDList optimizerState, Path dir)
            implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * Writes the model to {@code dir} atomically, replacing what was there.
     *
     * @param adam the optimizer whose state to save for a resume, or null
     */
    public static void save(Path dir, LatentModel model, ModelInfo info, Adam adam) {
        try {
            Path parent = dir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
            try {
                byte[] parameters = parameterBytes(model);
                Files.write(tmp.resolve(PARAMETERS), parameters);
                String optimizerSha = null;
                if (adam != null) {
                    byte[] optimizer = adam.state().encode();
                    Files.write(tmp.resolve(OPTIMIZER), optimizer);
                    optimizerSha = sha256(optimizer);
                }
                byte[] json = MAPPER.writeValueAsBytes(ModelJson.write(MAPPER, info, sha256(parameters), optimizerSha));
                Files.write(tmp.resolve(JSON), json);
                replace(tmp, dir);
            } finally {
                deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model from a run folder (holding {@code model/}) or from a model folder itself.
     *
     * @throws InputException if the folder holds no model or any file is missing or corrupt
     */
    public static LoadedModel load(Path dir, NDManager parent) {
        return load(dir, parent, true);
    }

    /**
     * Loads a model to use it, not to train it further: as {@link #load(Path, NDManager)} without the
     * optimizer's state, which is neither read nor needed.
     */
    public static LoadedModel loadForInference(Path dir, NDManager parent) {
        return load(dir, parent, false);
    }

    private static LoadedModel load(Path dir, NDManager parent, boolean withOptimizer) {
        Path modelDir = resolve(dir);
        JsonNode root = readJson(modelDir.resolve(JSON));
        ModelInfo info = info(root, modelDir.resolve(JSON));
        byte[] parameters = readChecked(modelDir.resolve(PARAMETERS), ModelJson.parametersSha256(root));
        LatentModel model = LatentModel.create(info.config(), parent, info.training().seed());
        try {
            NDList arrays = NDList.decode(model.manager(), parameters);
            List<Parameter> expected = model.parameters();
            if (arrays.size() != expected.size()) {
                throw new MalformedModelException(arrays.size() + " arrays for " + expected.size() + " parameters");
            }
            for (int i = 0; i < expected.size(); i++) {
                NDArray target = expected.get(i).getArray();
                if (!arrays.get(i).getShape().equals(target.getShape())) {
                    throw new MalformedModelException("parameter " + i + " has the wrong shape");
                }
                Ops.assign(target, arrays.get(i).toFloatArray());
            }
            arrays.close();
            NDList optimizerState = null;
            String optimizerSha = ModelJson.optimizerSha256(root);
            if (withOptimizer && optimizerSha != null && Files.exists(modelDir.resolve(OPTIMIZER))) {
                byte[] optimizer = readChecked(modelDir.resolve(OPTIMIZER), optimizerSha);
                optimizerState = NDList.decode(model.manager(), optimizer);
            }
            return new LoadedModel(model, info, optimizerState, modelDir);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw InputException.of(modelDir.resolve(PARAMETERS),
                    "corrupt model file: parameters do not fit the architecture in model.json", e);
        }
    }

    /**
     * What model.json says about a model, without loading its parameters.
     *
     * @throws InputException if the folder holds no model or model.json is missing or corrupt
     */
    public static ModelInfo readInfo(Path dir) {
        Path jsonFile = resolve(dir).resolve(JSON);
        return info(readJson(jsonFile), jsonFile);
    }

    private static JsonNode readJson(Path jsonFile) {
        try {
            JsonNode root = MAPPER.readTree(jsonFile.toFile());
            if (root == null || !root.isObject()) {
                throw InputException.of(jsonFile, "corrupt model file: not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw InputException.of(jsonFile, "corrupt model file: invalid JSON at line "
                    + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw InputException.of(jsonFile, "cannot read: " + e.getMessage());
        }
    }

    private static ModelInfo info(JsonNode root, Path jsonFile) {
        try {
            return ModelJson.read(root);
        } catch (IllegalArgumentException e) {
            throw InputException.of(jsonFile, "corrupt model file: " + e.getMessage());
        }
    }

    /**
     * What model.json says of a model, as JSON, without the checksums: format, model, training, data,
     * versions (for reports).
     */
    public static JsonNode describe(ModelInfo info) {
        return ModelJson.describe(MAPPER, info);
    }

    /** The model folder of a run folder, or the folder itself if it holds model.json. */
    public static Path resolve(Path dir) {
        if (Files.isRegularFile(dir.resolve(MODEL_DIR).resolve(JSON))) {
            return dir.resolve(MODEL_DIR);
        }
        if (Files.isRegularFile(dir.resolve(JSON))) {
            return dir;
        }
        if (!Files.exists(dir)) {
            throw InputException.of(dir, "no such model folder");
        }
        throw InputException.of(dir, "no model here (expected " + MODEL_DIR + "/" + JSON + ")");
    }

    /** True if {@code dir} (a run or model folder) holds a model. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(MODEL_DIR).resolve(JSON)) || Files.isRegularFile(dir.resolve(JSON));
    }

    /** The parameters' arrays in the model's order, as DJL's NDList encoding. */
    private static byte[] parameterBytes(LatentModel model) {
        NDList arrays = new NDList();
        model.parameters().forEach(p -> arrays.add(p.getArray()));
        return arrays.encode();
    }

    private static byte[] readChecked(Path file, String expectedSha256) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw InputException.of(file, "missing from the model folder");
        } catch (IOException e) {
            throw InputException.of(file, "cannot read: " + e.getMessage());
        }
        if (!sha256(bytes).equals(expectedSha256)) {
            throw InputException.of(file, "corrupt model file: checksum does not match model.json");
        }
        return bytes;
    }

    /** Moves {@code tmp} to {@code dir}: the old folder is renamed aside first, then removed. */
    private static void replace(Path tmp, Path dir) throws IOException {
        Path old = null;
        if (Files.exists(dir)) {
            old = dir.resolveSibling("." + dir.getFileName() + ".old-" + System.nanoTime());
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
