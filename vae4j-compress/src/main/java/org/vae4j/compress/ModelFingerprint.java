package org.vae4j.compress;

import ai.djl.nn.Parameter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.vae4j.model.LatentModel;

/**
 * What identifies a model for decoding: SHA-256 over its configuration (architecture and likelihood) and
 * the bits of every parameter in the model's order. Two models that could decode a file differently
 * differ in it.
 */
public final class ModelFingerprint {

    /** Bytes of a fingerprint. */
    public static final int LENGTH = 32;

    private ModelFingerprint() {
    }

    public static byte[] of(LatentModel model) {
        MessageDigest sha = sha256();
        sha.update(model.config().toString().getBytes(StandardCharsets.UTF_8));
        for (Parameter p : model.parameters()) {
            float[] values = p.getArray().toFloatArray();
            ByteBuffer bytes = ByteBuffer.allocate(4 * values.length);
            bytes.asFloatBuffer().put(values);
            sha.update(bytes);
        }
        return sha.digest();
    }

    /** The first 12 hex digits, enough to tell models apart in a message. */
    public static String shortHex(byte[] fingerprint) {
        return HexFormat.of().formatHex(fingerprint, 0, 6);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
