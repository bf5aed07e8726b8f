package org.vae4j.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vae4j.error.InputException;

/**
 * checksums.sha256, the manifest of a model folder (format 3 on): the SHA-256 of model.json and of every
 * parameter file, written after them, so one check covers the whole folder and a flipped byte anywhere
 * is reported with the name of its file. The lines are sha256sum's ({@code HASH  NAME}, so
 * {@code sha256sum -c checksums.sha256} checks a folder by hand); the first line, a comment, says what
 * the file is, and the last, a comment too, holds the SHA-256 of the lines above it, so a damaged
 * manifest is told from a damaged file.
 */
final class Manifest {

    static final String NAME = "checksums.sha256";
    private static final String HEADER = "# vae4j model folder: the SHA-256 of each file; the last line is the "
            + "SHA-256 of the lines above it";
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  ([a-z.]+)");
    private static final Pattern SELF = Pattern.compile("# ([0-9a-f]{64})");
    /** A manifest lists at most three files: anything longer is not one. */
    private static final int MAX_BYTES = 1024;

    private final Map<String, String> sha256;

    private Manifest(Map<String, String> sha256) {
        this.sha256 = sha256;
    }

    /**
     * The manifest's bytes.
     *
     * @param sha256 the checksum of each file by name, in the order to list them
     */
    static byte[] encode(Map<String, String> sha256) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        sha256.forEach((name, sum) -> text.append(sum).append("  ").append(name).append('\n'));
        byte[] listed = text.toString().getBytes(StandardCharsets.US_ASCII);
        text.append("# ").append(sha256(listed)).append('\n');
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads and checks the manifest of a model folder.
     *
     * @param names the files a manifest may list; the first two must be listed
     * @return the manifest, or null if the folder has none
     * @throws InputException naming the manifest if it is damaged
     */
    static Manifest read(Path dir, List<String> names) {
        Path file = dir.resolve(NAME);
        byte[] bytes;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw corrupt(file, "longer than a manifest can be");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw InputException.of(file, "cannot read: " + e.getMessage(), e);
        }
        int end = bytes.length - 1;
        if (end < 0 || bytes[end] != '\n') {
            throw corrupt(file, "its last line is cut short");
        }
        int lastLine = end;
        while (lastLine > 0 && bytes[lastLine - 1] != '\n') {
            lastLine--;
        }
        Matcher self = SELF.matcher(new String(bytes, lastLine, end - lastLine, StandardCharsets.ISO_8859_1));
        if (!self.matches()) {
            throw corrupt(file, "its last line is not its checksum");
        }
        if (!self.group(1).equals(sha256(Arrays.copyOf(bytes, lastLine)))) {
            throw corrupt(file, "its checksum (the last line) does not match the lines above it");
        }
        String[] lines = new String(bytes, 0, lastLine, StandardCharsets.ISO_8859_1).split("\n");
        if (!lines[0].equals(HEADER)) {
            throw corrupt(file, "its first line is not a vae4j manifest's");
        }
        Map<String, String> sha256 = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            Matcher line = LINE.matcher(lines[i]);
            if (!line.matches() || !names.contains(line.group(2)) || sha256.containsKey(line.group(2))) {
                throw corrupt(file, "line " + (i + 1) + " is not the checksum of a model file");
            }
            sha256.put(line.group(2), line.group(1));
        }
        for (String required : names.subList(0, 2)) {
            if (!sha256.containsKey(required)) {
                throw corrupt(file, "lists no " + required);
            }
        }
        return new Manifest(sha256);
    }

    /** True if the manifest lists a file of that name. */
    boolean lists(String name) {
        return sha256.containsKey(name);
    }

    /**
     * @return the bytes read from {@code file}
     * @throws InputException naming the file if its bytes are not the ones listed
     */
    byte[] check(Path file, byte[] bytes) {
        if (!sha256(bytes).equals(sha256.get(file.getFileName().toString()))) {
            throw InputException.of(file, "corrupt model file: checksum does not match " + NAME);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputException corrupt(Path file, String problem) {
        return InputException.of(file, "corrupt model file: " + problem);
    }
}
