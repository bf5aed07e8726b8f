package org.vae4j.io;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.vae4j.dist.Ops;
import org.vae4j.error.InputException;
import org.vae4j.model.LatentModel;
import org.vae4j.optim.Adam;

/**
 * Saves and loads models as a folder: {@code model.json} (configuration, training settings, data
 * provenance, library versions, format version), {@code parameters.bin} (the parameter arrays of the
 * encoder, the decoder and a learned prior, as a DJL NDList), for resuming {@code optimizer.bin}, and
 * {@code checksums.sha256}, the SHA-256 of the other three ({@link Manifest}). Folders of formats 1 and 2
 * (checksums of the parameter files inside model.json, no manifest) still load.
 *
 * <p>A save never leaves a half-written model: the files go to a temporary sibling folder, the manifest
 * last, which then replaces the old folder by two renames: the old folder aside ({@code .model.old}),
 * the new one in. A process killed between them leaves no model folder but a complete one aside, which
 * every load then reads and the next save puts back first; the next save also deletes the temporary
 * folders of saves that were killed. A load checks every file against the manifest and names the one
 * that is wrong. One process saves a folder at a time (a training run holds its folder's lock).
 */
public final class ModelStore {

    /** The model folder's name inside a run folder. */
    public static final String MODEL_DIR = "model";
    static final String JSON = "model.json";
    static final String PARAMETERS = "parameters.bin";
    static final String OPTIMIZER = "optimizer.bin";
    /** The files a manifest may list, the required ones first. */
    private static final List<String> LISTED = List.of(JSON, PARAMETERS, OPTIMIZER);
    /** The suffixes of the siblings a save makes: the new folder being written, the old one set aside. */
    private static final String TMP = ".tmp-";
    private static final String OLD = ".old";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Reads model.json strictly: nothing after the object, no field twice. */
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

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

    /** Writes a file's bytes; in tests, one that runs out of space. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path file, byte[] bytes) throws IOException;
    }

    /**
     * Writes the model to {@code dir} atomically, replacing what was there.
     *
     * @param adam the optimizer whose state to save for a resume, or null
     * @throws InputException naming the folder and the file that could not be written (a full disk, a
     *     folder without write permission); the model that was there is kept
     */
    public static void save(Path dir, LatentModel model, ModelInfo info, Adam adam) {
        save(dir, model, info, adam, ModelStore::writeDurably);
    }

    static void save(Path dir, LatentModel model, ModelInfo info, Adam adam, FileWriter writer) {
        Path target = dir.toAbsolutePath();
        Path parent = target.getParent();
        Path tmp;
        try {
            Files.createDirectories(parent);
            tidy(target);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + TMP);
        } catch (IOException e) {
            throw cannotSave(dir, "cannot prepare " + parent + ": " + e.getMessage(), e);
        }
        try {
            Map<String, String> sha256 = new LinkedHashMap<>();
            byte[] parameters = parameterBytes(model);
            byte[] optimizer = adam == null ? null : adam.state().encode();
            byte[] json = MAPPER.writeValueAsBytes(ModelJson.write(MAPPER, info));
            sha256.put(JSON, Manifest.sha256(json));
            sha256.put(PARAMETERS, Manifest.sha256(parameters));
            if (optimizer != null) {
                sha256.put(OPTIMIZER, Manifest.sha256(optimizer));
            }
            write(dir, tmp.resolve(PARAMETERS), parameters, writer);
            if (optimizer != null) {
                write(dir, tmp.resolve(OPTIMIZER), optimizer, writer);
            }
            write(dir, tmp.resolve(JSON), json, writer);
            write(dir, tmp.resolve(Manifest.NAME), Manifest.encode(sha256), writer);
            try {
                syncDirectory(tmp);
                swap(tmp, target);
            } catch (IOException e) {
                throw cannotSave(dir, "cannot move the new model into place: " + e.getMessage(), e);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode model.json", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void write(Path dir, Path file, byte[] bytes, FileWriter writer) {
        try {
            writer.write(file, bytes);
        } catch (IOException e) {
            throw cannotSave(dir, "writing " + file.getFileName() + " (" + String.format(Locale.ROOT, "%,d", bytes.length)
                    + " bytes) failed: " + e.getMessage(), e);
        }
    }

    private static InputException cannotSave(Path dir, String problem, IOException cause) {
        return InputException.of(dir, "cannot save the model: " + problem, cause);
    }

    /** Writes the file and waits until its bytes are on the device, so a rename never publishes an empty file. */
    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Before a save: puts back a model folder that a killed save left aside, and deletes what killed saves
     * left besides (temporary folders, an old folder aside of a model folder that is in place).
     */
    private static void tidy(Path target) throws IOException {
        Path aside = aside(target);
        if (!Files.exists(target) && aside != null) {
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
        }
        for (Path stale : siblings(target)) {
            deleteTree(stale);
        }
    }

    /** The new folder in place of the old: the old one aside, the new one in, the old one deleted. */
    private static void swap(Path tmp, Path target) throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + OLD);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
        deleteTree(old);
    }

    /**
     * The siblings a save of {@code target} makes and deletes: {@code .NAME.tmp-*} and {@code .NAME.old}
     * (and {@code .NAME.old-*}, the names of older versions).
     */
    private static List<Path> siblings(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        List<Path> found = new ArrayList<>();
        if (parent == null || !Files.isDirectory(parent)) {
            return found;
        }
        String tmp = "." + target.getFileName() + TMP;
        String old = "." + target.getFileName() + OLD;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(tmp) || name.equals(old) || name.startsWith(old + "-")) {
                    found.add(p);
                }
            }
        }
        return found;
    }

    /**
     * The complete model folder that a save killed between its two renames left aside of {@code target},
     * or null: only while {@code target} itself is missing. Of several (left by older versions, which named
     * them by time), the one written last.
     */
    private static Path aside(Path target) {
        if (Files.exists(target)) {
            return null;
        }
        try {
            Path best = null;
            FileTime newest = null;
            for (Path p : siblings(target)) {
                Path json = p.resolve(JSON);
                if (p.getFileName().toString().contains(OLD) && Files.isRegularFile(json)) {
                    FileTime written = Files.getLastModifiedTime(json);
                    if (newest == null || written.compareTo(newest) > 0) {
                        best = p;
                        newest = written;
                    }
                }
            }
            return best;
        } catch (IOException e) {
            return null;
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
        return readWhole(dir, modelDir -> load(modelDir, Contents.read(modelDir), parent, withOptimizer));
    }

    private static LoadedModel load(Path modelDir, Contents contents, NDManager parent, boolean withOptimizer) {
        byte[] parameters = contents.readChecked(PARAMETERS);
        ModelInfo info = contents.info();
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
            if (withOptimizer && contents.lists(OPTIMIZER)) {
                optimizerState = NDList.decode(model.manager(), contents.readChecked(OPTIMIZER));
            }
            return new LoadedModel(model, info, optimizerState, logical(modelDir));
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
     * What model.json says about a model, without loading its parameters (model.json checked against the
     * manifest).
     *
     * @throws InputException if the folder holds no model or model.json or the manifest is missing or corrupt
     */
    public static ModelInfo readInfo(Path dir) {
        return readWhole(dir, modelDir -> Contents.read(modelDir).info());
    }

    /**
     * Reads the model folder of {@code dir}, and again if a save replaced the folder while it was read (a
     * process that loads the model of a training run while the run checkpoints): the files it read then
     * came from two checkpoints, or were deleted under it.
     */
    static <T> T readWhole(Path dir, Function<Path, T> read) {
        for (int attempt = 1;; attempt++) {
            Path modelDir = resolve(dir);
            Object folder = identity(modelDir);
            try {
                return read.apply(modelDir);
            } catch (InputException e) {
                // the same folder, still there and still the one found: the fault is in it; gone, replaced
                // (even before its identity was read, folder == null) or no longer the one found (a folder
                // aside that the save deletes once the new one is in): a save swapped it, so read again
                if (attempt == 10 || unchanged(dir, modelDir, folder)) {
                    throw e;
                }
            }
        }
    }

    /** True if {@code dir} still leads to {@code modelDir} and that folder is still {@code folder}. */
    private static boolean unchanged(Path dir, Path modelDir, Object folder) {
        return folder != null && modelDir.equals(locate(dir)) && folder.equals(identity(modelDir));
    }

    /**
     * What tells a folder from another that took its name, or null: its device and inode, and its times,
     * since a save that deletes the old folder frees its inode for the next save's new folder.
     */
    private static Object identity(Path dir) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.creationTime(),
                    attributes.lastModifiedTime());
        } catch (IOException e) {
            return null;
        }
    }

    /** A model folder's manifest and model.json, read and checked; the other files on demand. */
    private record Contents(Path dir, Manifest manifest, JsonNode root, ModelInfo info) {

        static Contents read(Path dir) {
            Manifest manifest = Manifest.read(dir, LISTED);
            Path jsonFile = dir.resolve(JSON);
            byte[] json = readFile(jsonFile);
            if (manifest != null) {
                manifest.check(jsonFile, json);
            }
            JsonNode root = parse(jsonFile, json);
            ModelInfo info;
            try {
                boolean listed = ModelJson.version(root) >= ModelJson.MANIFEST_VERSION;
                if (listed && manifest == null) {
                    throw InputException.of(dir.resolve(Manifest.NAME), "missing from the model folder (model.json "
                            + "is of format " + ModelJson.version(root) + ", whose checksums it holds)");
                }
                if (!listed && manifest != null) {
                    throw new IllegalArgumentException("format " + ModelJson.version(root) + " has no "
                            + Manifest.NAME + ", but there is one");
                }
                info = ModelJson.read(root);
            } catch (IllegalArgumentException e) {
                throw InputException.of(jsonFile, "corrupt model file: " + e.getMessage());
            }
            return new Contents(dir, manifest, root, info);
        }

        /** True if the folder's checksums cover a file of that name. */
        boolean lists(String name) {
            return manifest != null ? manifest.lists(name)
                    : name.equals(PARAMETERS) || ModelJson.optimizerSha256(root) != null;
        }

        /** A listed file's bytes, checked against the manifest, or model.json for formats 1 and 2. */
        byte[] readChecked(String name) {
            Path file = dir.resolve(name);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw InputException.of(file, name.equals(OPTIMIZER)
                        ? "missing from the model folder; resuming training needs it (using the model does not)"
                        : "missing from the model folder");
            } catch (IOException e) {
                throw InputException.of(file, "cannot read: " + e.getMessage(), e);
            }
            if (manifest != null) {
                return manifest.check(file, bytes);
            }
            String expected = name.equals(PARAMETERS) ? ModelJson.parametersSha256(root)
                    : ModelJson.optimizerSha256(root);
            if (!Manifest.sha256(bytes).equals(expected)) {
                throw InputException.of(file, "corrupt model file: checksum does not match model.json");
            }
            return bytes;
        }
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw InputException.of(file, "missing from the model folder");
        } catch (IOException e) {
            throw InputException.of(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(Path jsonFile, byte[] json) {
        try {
            JsonNode root = READER.readTree(json);
            if (root == null || !root.isObject()) {
                throw InputException.of(jsonFile, "corrupt model file: not a JSON object");
            }
            return root;
        } catch (MismatchedInputException e) {
            throw InputException.of(jsonFile, "corrupt model file: "
                    + (e.getMessage().startsWith("Trailing token") ? "content after the JSON object" : "invalid JSON")
                    + " at line " + e.getLocation().getLineNr());
        } catch (JsonProcessingException e) {
            throw InputException.of(jsonFile, "corrupt model file: invalid JSON at line "
                    + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw InputException.of(jsonFile, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * What model.json says of a model, as JSON, without the checksums: format, model, training, data,
     * versions (for reports).
     */
    public static JsonNode describe(ModelInfo info) {
        return ModelJson.describe(MAPPER, info);
    }

    /**
     * The model folder of a run folder, or the folder itself if it holds model.json; if a save was killed
     * while the model folder was set aside, the folder aside.
     */
    public static Path resolve(Path dir) {
        // a save that moves the folder aside and back between two of the checks hides it from both: look again
        for (int attempt = 0; attempt < 10; attempt++) {
            Path found = locate(dir);
            if (found != null) {
                return found;
            }
        }
        if (!Files.exists(dir)) {
            throw InputException.of(dir, "no such model folder");
        }
        throw InputException.of(dir, "no model here (expected " + MODEL_DIR + "/" + JSON + ")");
    }

    private static Path locate(Path dir) {
        if (Files.isRegularFile(dir.resolve(MODEL_DIR).resolve(JSON))) {
            return dir.resolve(MODEL_DIR);
        }
        if (Files.isRegularFile(dir.resolve(JSON))) {
            return dir;
        }
        Path aside = aside(dir.resolve(MODEL_DIR));
        if (aside == null && dir.toAbsolutePath().getParent() != null) {
            aside = aside(dir.toAbsolutePath());
        }
        return aside;
    }

    /** True if {@code dir} (a run or model folder) holds a model. */
    public static boolean exists(Path dir) {
        try {
            resolve(dir);
            return true;
        } catch (InputException e) {
            return false;
        }
    }

    /** The model folder a folder read from stands for: itself, or for a folder set aside, the model folder. */
    private static Path logical(Path modelDir) {
        String name = modelDir.getFileName().toString();
        int old = name.lastIndexOf(OLD);
        if (name.startsWith(".") && old > 1 && (name.endsWith(OLD) || name.startsWith(OLD + "-", old))) {
            return modelDir.resolveSibling(name.substring(1, old));
        }
        return modelDir;
    }

    /** The parameters' arrays in the model's order, as DJL's NDList encoding. */
    private static byte[] parameterBytes(LatentModel model) {
        NDList arrays = new NDList();
        model.parameters().forEach(p -> arrays.add(p.getArray()));
        return arrays.encode();
    }

    /** Makes a folder's entries (the renames into it) durable, where the platform can; elsewhere nothing. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform opens a folder (Windows does not); its file system orders renames itself
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // the next save deletes it
        }
    }
}
