package org.vae4j.compress;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.vae4j.data.IdxImages;
import org.vae4j.error.InputException;

/**
 * A .vae file: images compressed with bits-back coding. Layout (big-endian):
 * <pre>
 *   8  magic "VAE4J-BB"
 *   2  format version (1)
 *  32  model fingerprint ({@link ModelFingerprint})
 *   4  count, 4 height, 4 width, 2 levels V, 1 bucket bits, 1 precision
 *  32  SHA-256 of count, height, width (4 bytes each, big-endian) and the pixels (row-major)
 *   4  number of chunks, then per chunk: 4 images, 8 seed, 4 initial words, 4 shared words, 4 stream bytes
 *      then the chunks' rANS streams, in order
 *   4  CRC32C of everything before it
 * </pre>
 * Each chunk is an independent rANS stack seeded with {@code initial words} clean words from {@code seed};
 * the {@code shared words} at its bottom that coding never touched equal the seeded ones and are left out
 * of the stream (the decoder regenerates them), so the file pays only for the seed bits actually used.
 *
 * @param fingerprint the model's fingerprint
 * @param chunks the independently coded runs of images, in image order
 */
public record CompressedFile(byte[] fingerprint, int count, int height, int width, int levels,
        CoderSettings settings, byte[] pixelsSha256, List<Chunk> chunks) {

    static final byte[] MAGIC = "VAE4J-BB".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int FIXED_HEADER = 8 + 2 + 32 + 4 + 4 + 4 + 2 + 1 + 1 + 32 + 4;
    private static final int CHUNK_HEADER = 4 + 8 + 4 + 4 + 4;

    /**
     * One stack of consecutive images.
     *
     * @param images how many images it holds
     * @param seed the seed of its clean initial bits
     * @param initialWords how many 32-bit words of clean bits it started with
     * @param sharedWords how many of them, at the bottom, are left out of {@code stream}
     * @param stream the stack's bytes ({@link org.vae4j.codec.RansStack#toBytes()}) without the shared words
     */
    public record Chunk(int images, long seed, int initialWords, int sharedWords, byte[] stream) {
    }

    public CompressedFile {
        chunks = List.copyOf(chunks);
    }

    public int dim() {
        return height * width;
    }

    public byte[] toBytes() {
        int length = FIXED_HEADER + 4;
        for (Chunk c : chunks) {
            length += CHUNK_HEADER + c.stream().length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put(MAGIC).putShort((short) VERSION).put(fingerprint);
        out.putInt(count).putInt(height).putInt(width).putShort((short) levels);
        out.put((byte) settings.bucketBits()).put((byte) settings.precision()).put(pixelsSha256);
        out.putInt(chunks.size());
        for (Chunk c : chunks) {
            out.putInt(c.images()).putLong(c.seed()).putInt(c.initialWords()).putInt(c.sharedWords())
                    .putInt(c.stream().length);
        }
        for (Chunk c : chunks) {
            out.put(c.stream());
        }
        out.putInt((int) crc(out.array(), length - 4));
        return out.array();
    }

    /**
     * Reads a file's bytes, checking the magic, the version, the lengths and the CRC.
     *
     * @param file named in the messages
     * @throws InputException naming the file and the problem: not a .vae file, an unknown version,
     *     truncated, trailing bytes, or corrupt (checksum mismatch)
     */
    public static CompressedFile read(Path file, byte[] bytes) {
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw InputException.of(file, "not a vae4j compressed file (no VAE4J-BB magic bytes)");
        }
        if (bytes.length < FIXED_HEADER + 4) {
            throw InputException.of(file, "truncated: " + bytes.length + " bytes, shorter than the header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        int version = in.getShort() & 0xffff;
        if (version != VERSION) {
            throw InputException.of(file, "format version " + version + ", but this vae4j reads version " + VERSION);
        }
        try {
            byte[] fingerprint = new byte[ModelFingerprint.LENGTH];
            in.get(fingerprint);
            int count = in.getInt();
            int height = in.getInt();
            int width = in.getInt();
            int levels = in.getShort() & 0xffff;
            int bucketBits = in.get();
            int precision = in.get();
            byte[] pixelsSha256 = new byte[32];
            in.get(pixelsSha256);
            int chunkCount = in.getInt();
            if (chunkCount < 1 || chunkCount > (bytes.length - FIXED_HEADER) / CHUNK_HEADER) {
                throw corrupt(file, "impossible chunk count " + chunkCount);
            }
            int[][] sizes = new int[chunkCount][];
            long[] seeds = new long[chunkCount];
            long expected = FIXED_HEADER + 4 + (long) CHUNK_HEADER * chunkCount;
            for (int i = 0; i < chunkCount; i++) {
                int images = in.getInt();
                seeds[i] = in.getLong();
                sizes[i] = new int[] {images, in.getInt(), in.getInt(), in.getInt()};
                if (sizes[i][3] < 0) {
                    throw corrupt(file, "negative stream length");
                }
                expected += sizes[i][3];
            }
            if (expected != bytes.length) {
                throw InputException.of(file, (expected > bytes.length ? "truncated" : "corrupt") + ": the header says "
                        + expected + " bytes, the file has " + bytes.length);
            }
            checkCrc(file, bytes);
            List<Chunk> chunks = new ArrayList<>();
            for (int i = 0; i < chunkCount; i++) {
                byte[] stream = new byte[sizes[i][3]];
                in.get(stream);
                chunks.add(new Chunk(sizes[i][0], seeds[i], sizes[i][1], sizes[i][2], stream));
            }
            CoderSettings settings;
            try {
                settings = new CoderSettings(bucketBits, precision);
            } catch (IllegalArgumentException e) {
                throw InputException.of(file, "corrupt: bad coder settings in the header: " + e.getMessage());
            }
            if (count < 1 || height < 1 || width < 1 || (long) height * width * count > Integer.MAX_VALUE - 16) {
                throw InputException.of(file, "corrupt: bad image count or size " + count + " x " + height + "x" + width);
            }
            if (chunks.stream().mapToLong(Chunk::images).sum() != count) {
                throw InputException.of(file, "corrupt: the chunks do not hold " + count + " images");
            }
            return new CompressedFile(fingerprint, count, height, width, levels, settings, pixelsSha256, chunks);
        } catch (BufferUnderflowException e) {
            throw InputException.of(file, "truncated: the file ends inside the header");
        }
    }

    private static InputException corrupt(Path file, String problem) {
        return InputException.of(file, "corrupt or truncated: " + problem);
    }

    private static void checkCrc(Path file, byte[] bytes) {
        long stored = ByteBuffer.wrap(bytes).getInt(bytes.length - 4) & 0xffff_ffffL;
        long actual = crc(bytes, bytes.length - 4);
        if (stored != actual) {
            throw InputException.of(file, String.format("corrupt: CRC32C %08x does not match the stored %08x "
                    + "(flipped or damaged bytes)", actual, stored));
        }
    }

    static long crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    /**
     * SHA-256 of the images: their count, height and width (4 bytes each, big-endian), then the pixel
     * bytes, so that images decoded in another shape do not pass for the originals.
     */
    public static byte[] pixelsSha256(IdxImages images) {
        MessageDigest digest = ModelFingerprint.sha256();
        digest.update(ByteBuffer.allocate(12).putInt(images.n()).putInt(images.rows()).putInt(images.cols()).array());
        return digest.digest(images.pixels());
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
