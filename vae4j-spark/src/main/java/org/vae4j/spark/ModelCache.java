package org.vae4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.vae4j.api.TrainedModel;
import org.vae4j.io.ModelStore;

/**
 * One loaded model per JVM and model: an executor's tasks share it (a {@link TrainedModel} answers
 * several threads at once). The key is the SHA-256 of the model folder's files, so a folder replaced by a
 * new training run is loaded anew, never confused with the old one. Models stay loaded for the JVM's life.
 */
final class ModelCache {

    private static final ConcurrentHashMap<String, TrainedModel> MODELS = new ConcurrentHashMap<>();

    private ModelCache() {
    }

    /**
     * The model of {@code dir} whose files hash to {@code fingerprint}, loaded on first use in this JVM.
     *
     * @throws IllegalStateException if the files there no longer hash to it (the folder changed after the
     *     driver looked)
     */
    static TrainedModel get(String dir, String fingerprint) {
        return MODELS.computeIfAbsent(fingerprint, key -> {
            Path modelDir = ModelStore.resolve(Path.of(dir));
            String actual = fingerprint(modelDir);
            if (!actual.equals(key)) {
                throw new IllegalStateException(dir + ": the model changed after the job started (sha-256 " + actual
                        + ", expected " + key + ")");
            }
            return TrainedModel.load(modelDir);
        });
    }

    /** SHA-256 over the model folder's files in name order: each one's name, then its bytes. */
    static String fingerprint(Path modelDir) {
        try (Stream<Path> files = Files.list(modelDir)) {
            List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path file : sorted) {
                sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                try (InputStream in = Files.newInputStream(file)) {
                    for (int read; (read = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, read);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(modelDir + ": cannot read the model's files", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
