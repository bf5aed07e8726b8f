package org.vae4j.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.vae4j.error.InputException;

/**
 * Reads and writes IDX files (the MNIST format: a big-endian magic number, the dimensions, then raw
 * unsigned bytes). Gzip-compressed files are recognised by their first two bytes, not by their name, and
 * read to their end so that every member's CRC-32 and length are checked; several members read as their
 * concatenation, as {@code gzip -d} gives it. The (decompressed) file must hold exactly the bytes its
 * header declares: a damaged gzip stream, a short file and bytes after the data are each refused.
 */
public final class IdxReader {

    /** Magic number of an unsigned-byte IDX file with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x0803;
    /** Magic number of an unsigned-byte IDX file with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x0801;

    private static final int BUFFER = 1 << 16;
    private static final int MAX_BYTES = Integer.MAX_VALUE - 16;
    private static final int FIRST_CHUNK = 1 << 28;

    private IdxReader() {
    }

    /** @return the images of an IDX image file (magic 2051), plain or gzip */
    public static IdxImages readImages(Path file) {
        return read(file, in -> {
            checkMagic(file, readHeaderInt(file, in), IMAGES_MAGIC, "images");
            int n = readHeaderInt(file, in);
            int rows = readHeaderInt(file, in);
            int cols = readHeaderInt(file, in);
            if (n < 1) {
                throw InputException.of(file, "holds no images (header says " + n + ")");
            }
            if (rows < 1 || cols < 1) {
                throw InputException.of(file, "bad image size " + rows + "x" + cols + " in the header");
            }
            long expected = (long) n * rows * cols;
            if (expected > MAX_BYTES) {
                throw InputException.of(file, "header says " + n + " images of " + rows + "x" + cols
                        + ", too large to load");
            }
            byte[] pixels = readUpTo(in, (int) expected);
            if (pixels.length < expected) {
                throw InputException.of(file, "truncated: header says " + n + " images of " + rows + "x" + cols
                        + " but the file holds " + pixels.length + " bytes of pixels, not " + expected);
            }
            refuseBytesAfter(file, in, expected + " bytes of pixels");
            return new IdxImages(n, rows, cols, pixels);
        });
    }

    /** @return the labels of an IDX label file (magic 2049), plain or gzip, as ints 0..255 */
    public static int[] readLabels(Path file) {
        return read(file, in -> {
            checkMagic(file, readHeaderInt(file, in), LABELS_MAGIC, "labels");
            int n = readHeaderInt(file, in);
            if (n < 1) {
                throw InputException.of(file, "holds no labels (header says " + n + ")");
            }
            if (n > MAX_BYTES) {
                throw InputException.of(file, "header says " + n + " labels, too many to load");
            }
            byte[] bytes = readUpTo(in, n);
            if (bytes.length < n) {
                throw InputException.of(file, "truncated: header says " + n + " labels but the file holds "
                        + bytes.length);
            }
            refuseBytesAfter(file, in, n + " labels");
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        });
    }

    /** Writes an uncompressed IDX image file (magic 2051) of n images of rows x cols unsigned bytes. */
    public static void writeImages(Path file, int n, int rows, int cols, byte[] pixels) {
        IdxImages images = new IdxImages(n, rows, cols, pixels);
        try (DataOutputStream out = create(file)) {
            out.writeInt(IMAGES_MAGIC);
            out.writeInt(images.n());
            out.writeInt(images.rows());
            out.writeInt(images.cols());
            out.write(images.pixels());
        } catch (IOException e) {
            throw InputException.of(file, "cannot write: " + ReadErrors.oneLine(e.getMessage()), e);
        }
    }

    /** Writes an uncompressed IDX label file (magic 2049); each label must be in 0..255. */
    public static void writeLabels(Path file, int[] labels) {
        for (int label : labels) {
            if (label < 0 || label > 255) {
                throw new IllegalArgumentException("IDX labels are unsigned bytes, got " + label);
            }
        }
        try (DataOutputStream out = create(file)) {
            out.writeInt(LABELS_MAGIC);
            out.writeInt(labels.length);
            for (int label : labels) {
                out.writeByte(label);
            }
        } catch (IOException e) {
            throw InputException.of(file, "cannot write: " + ReadErrors.oneLine(e.getMessage()), e);
        }
    }

    /** Reads the content of an IDX file, the whole of it. */
    private interface Parser<T> {
        T parse(DataInputStream in) throws IOException;
    }

    /**
     * Opens the file, plain or gzip, and parses it. When the parser refuses the content of a gzip file,
     * the stream is first read to its end, so that a damaged stream is reported as such rather than as
     * the bad content it inflated to.
     */
    private static <T> T read(Path file, Parser<T> parser) {
        try (BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (DataInputStream in = new DataInputStream(gzip ? new GzipContent(raw, BUFFER) : raw)) {
                try {
                    return parser.parse(in);
                } catch (InputException refused) {
                    if (gzip) {
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                    throw refused;
                }
            }
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
    }

    private static DataOutputStream create(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
    }

    private static int readHeaderInt(Path file, DataInputStream in) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw InputException.of(file, "truncated: the file ends inside the IDX header", e);
        }
    }

    private static void checkMagic(Path file, int magic, int expected, String what) {
        if (magic == expected) {
            return;
        }
        String hint = "";
        if (magic == LABELS_MAGIC) {
            hint = "; this looks like an IDX label file";
        } else if (magic == IMAGES_MAGIC) {
            hint = "; this looks like an IDX image file";
        }
        throw InputException.of(file, String.format(
                "wrong magic number %d (0x%08x), expected %d (0x%08x) for IDX %s%s",
                magic, magic, expected, expected, what, hint));
    }

    /**
     * Reads the stream to its end (checking a gzip stream's trailers) and refuses any bytes there.
     *
     * @param declared what the header declares, e.g. "7840 bytes of pixels"
     */
    private static void refuseBytesAfter(Path file, InputStream in, String declared) throws IOException {
        long after = in.transferTo(OutputStream.nullOutputStream());
        if (after > 0) {
            throw InputException.of(file, after + (after == 1 ? " byte" : " bytes") + " after the " + declared
                    + " the header declares");
        }
    }

    /** Reads up to {@code expected} bytes; the result is shorter only when the stream ends first. */
    private static byte[] readUpTo(InputStream in, int expected) throws IOException {
        byte[] buf = new byte[Math.min(expected, FIRST_CHUNK)];
        int got = 0;
        while (got < expected) {
            if (got == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(expected, 2L * buf.length));
            }
            int read = in.read(buf, got, buf.length - got);
            if (read < 0) {
                break;
            }
            got += read;
        }
        return got == buf.length ? buf : Arrays.copyOf(buf, got);
    }
}
