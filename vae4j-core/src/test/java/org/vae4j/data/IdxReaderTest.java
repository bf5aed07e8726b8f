package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.error.InputException;

class IdxReaderTest {

    @TempDir
    Path tmp;

    @Test
    void plainImagesRoundTripWithExactPixels() {
        byte[] pixels = {0, (byte) 128, (byte) 255, 51, 1, 2, 3, 4, 5, 6, 7, 8};
        Path file = tmp.resolve("imgs-idx3-ubyte");
        IdxReader.writeImages(file, 2, 2, 3, pixels);

        IdxImages images = IdxReader.readImages(file);
        assertEquals(2, images.n());
        assertEquals(2, images.rows());
        assertEquals(3, images.cols());
        assertArrayEquals(pixels, images.pixels());
        float[] x = images.toUnitFloats();
        assertEquals(0f, x[0]);
        assertEquals(128 / 255f, x[1]);
        assertEquals(1f, x[2]);
        assertEquals(0.2f, x[3], 1e-7f);
    }

    @Test
    void gzipIsDetectedByMagicBytesNotName() throws IOException {
        byte[] pixels = IdxTestFiles.pixels(50, 7, 5, 3);
        Path plain = tmp.resolve("plain");
        IdxReader.writeImages(plain, 50, 7, 5, pixels);
        Path gz = tmp.resolve("no-gz-suffix");
        IdxTestFiles.gzip(plain, gz);
        assertEquals(0x1f, Files.readAllBytes(gz)[0]);

        IdxImages images = IdxReader.readImages(gz);
        assertEquals(50, images.n());
        assertArrayEquals(pixels, images.pixels());
    }

    @Test
    void labelsRoundTripPlainAndGzip() {
        int[] labels = {9, 0, 255, 3, 7};
        Path plain = tmp.resolve("labels-idx1-ubyte");
        IdxReader.writeLabels(plain, labels);
        Path gz = tmp.resolve("labels-idx1-ubyte.gz");
        IdxTestFiles.gzip(plain, gz);
        assertArrayEquals(labels, IdxReader.readLabels(plain));
        assertArrayEquals(labels, IdxReader.readLabels(gz));
        assertThrows(IllegalArgumentException.class, () -> IdxReader.writeLabels(plain, new int[] {256}));
    }

    @Test
    void labelFileReadAsImagesReportsWrongMagic() {
        Path file = tmp.resolve("train-labels-idx1-ubyte");
        IdxReader.writeLabels(file, new int[] {1, 2, 3});
        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("magic number 2049"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 2051"), e.getMessage());
        assertTrue(e.getMessage().contains("label file"), e.getMessage());
    }

    @Test
    void garbageFileReportsWrongMagic() throws IOException {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "hello, this is not an IDX file at all");
        InputException e = assertThrows(InputException.class, () -> IdxReader.readLabels(file));
        assertTrue(e.getMessage().startsWith(file + ": wrong magic number"), e.getMessage());
    }

    @Test
    void truncatedPlainFileSaysHowMuchIsThere() throws IOException {
        Path full = tmp.resolve("full");
        IdxReader.writeImages(full, 10, 4, 4, IdxTestFiles.pixels(10, 4, 4, 0));
        byte[] bytes = Files.readAllBytes(full);
        Path cut = tmp.resolve("t10k-images-idx3-ubyte");
        Files.write(cut, Arrays.copyOf(bytes, 16 + 100));

        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(cut));
        assertEquals(cut + ": truncated: header says 10 images of 4x4 but the file holds 100 bytes of pixels,"
                + " not 160", e.getMessage());
    }

    @Test
    void truncatedGzipFileIsReportedAsTruncated() throws IOException {
        Path plain = tmp.resolve("plain");
        IdxReader.writeImages(plain, 400, 28, 28, IdxTestFiles.pixels(400, 28, 28, 5));
        Path gz = tmp.resolve("train-images-idx3-ubyte.gz");
        IdxTestFiles.gzip(plain, gz);
        byte[] compressed = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(compressed, compressed.length / 2));

        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(gz));
        assertTrue(e.getMessage().startsWith(gz + ": truncated"), e.getMessage());
    }

    @Test
    void gzipCutShortByOneToEightBytesIsRefused() throws IOException {
        byte[] gz = gzippedImages();
        for (int cut = 1; cut <= 8; cut++) {
            Path file = write("cut" + cut + "-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length - cut));
            InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(file));
            assertEquals(file + ": truncated or damaged gzip stream: the file ends inside it", e.getMessage());
        }
    }

    @Test
    void flippedByteInDeflateDataIsRefused() throws IOException {
        byte[] gz = gzippedImages();
        int header = 10;
        int trailer = 8;
        int data = gz.length - header - trailer;
        for (int at : new int[] {header, header + 1, header + data / 4, header + data / 2, header + 3 * data / 4,
            gz.length - trailer - 1}) {
            Path file = write("flip" + at + "-idx3-ubyte.gz", flipped(gz, at));
            InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(file),
                    () -> "byte " + at + " of " + gz.length + " flipped");
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("damaged gzip stream"), e.getMessage());
        }
    }

    @Test
    void flippedTrailerByteIsRefused() throws IOException {
        byte[] gz = gzippedImages();
        for (int k = 0; k < 8; k++) {
            Path file = write("trailer" + k + "-idx3-ubyte.gz", flipped(gz, gz.length - 8 + k));
            InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(file));
            String field = k < 4 ? "the CRC-32" : "the length";
            assertEquals(file + ": damaged gzip stream: " + field + " of its content does not match its trailer",
                    e.getMessage());
        }
    }

    @Test
    void gzipHeaderWithExtraNameCommentAndHeaderCrcReads() throws IOException {
        byte[] plain = Files.readAllBytes(plainImages());
        byte[] member = IdxTestFiles.gzip(plain);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(new byte[] {0x1f, (byte) 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 1, 2, 3, 4, 0, 3});
        header.write(new byte[] {3, 0, 'a', 'b', 'c'});
        header.write("images.idx\0a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        CRC32 crc = new CRC32();
        crc.update(header.toByteArray());
        header.write(new byte[] {(byte) crc.getValue(), (byte) (crc.getValue() >> 8)});
        byte[] rest = Arrays.copyOfRange(member, 10, member.length);
        byte[] gz = concat(header.toByteArray(), rest);
        assertArrayEquals(IdxTestFiles.pixels(50, 7, 5, 3), IdxReader.readImages(write("named.gz", gz)).pixels());

        Path badHeaderCrc = write("bad-header-crc.gz", flipped(gz, header.size() - 1));
        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(badHeaderCrc));
        assertEquals(badHeaderCrc + ": damaged gzip stream: the header CRC does not match the header", e.getMessage());
    }

    @Test
    void gzipMembersReadAsTheirConcatenation() throws IOException {
        byte[] plain = Files.readAllBytes(plainImages());
        byte[] firstMember = IdxTestFiles.gzip(Arrays.copyOf(plain, 100));
        byte[] secondMember = IdxTestFiles.gzip(Arrays.copyOfRange(plain, 100, plain.length));
        Path split = write("split-idx3-ubyte.gz", concat(firstMember, secondMember));
        assertArrayEquals(IdxTestFiles.pixels(50, 7, 5, 3), IdxReader.readImages(split).pixels());

        Path appended = write("appended-idx3-ubyte.gz",
                concat(IdxTestFiles.gzip(plain), IdxTestFiles.gzip(new byte[12])));
        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(appended));
        assertEquals(appended + ": 12 bytes after the 1750 bytes of pixels the header declares", e.getMessage());
    }

    @Test
    void bytesAfterTheGzipStreamAreRefused() throws IOException {
        byte[] gz = gzippedImages();
        for (int extra : new int[] {1, 2, 5000}) {
            Path file = write("tail" + extra + "-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length + extra));
            InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(file));
            assertEquals(file + ": " + extra + (extra == 1 ? " byte" : " bytes")
                    + " after the end of the gzip stream that do not start another gzip member", e.getMessage());
        }
    }

    @Test
    void bytesAfterTheDeclaredDataAreRefused() throws IOException {
        byte[] images = Files.readAllBytes(plainImages());
        Path plain = write("long-idx3-ubyte", Arrays.copyOf(images, images.length + 12));
        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(plain));
        assertEquals(plain + ": 12 bytes after the 1750 bytes of pixels the header declares", e.getMessage());

        Path gz = write("long-idx3-ubyte.gz", IdxTestFiles.gzip(Arrays.copyOf(images, images.length + 1)));
        e = assertThrows(InputException.class, () -> IdxReader.readImages(gz));
        assertEquals(gz + ": 1 byte after the 1750 bytes of pixels the header declares", e.getMessage());

        Path labels = tmp.resolve("labels-idx1-ubyte");
        IdxReader.writeLabels(labels, new int[] {1, 2, 3, 4, 5});
        Path longLabels = write("long-labels-idx1-ubyte", Arrays.copyOf(Files.readAllBytes(labels), 8 + 5 + 3));
        e = assertThrows(InputException.class, () -> IdxReader.readLabels(longLabels));
        assertEquals(longLabels + ": 3 bytes after the 5 labels the header declares", e.getMessage());
    }

    @Test
    void truncatedLabelsAndHeader() throws IOException {
        Path labels = tmp.resolve("labels");
        IdxReader.writeLabels(labels, new int[] {1, 2, 3, 4});
        Files.write(labels, Arrays.copyOf(Files.readAllBytes(labels), 10));
        InputException e = assertThrows(InputException.class, () -> IdxReader.readLabels(labels));
        assertEquals(labels + ": truncated: header says 4 labels but the file holds 2", e.getMessage());

        Path empty = Files.createFile(tmp.resolve("empty"));
        e = assertThrows(InputException.class, () -> IdxReader.readImages(empty));
        assertEquals(empty + ": truncated: the file ends inside the IDX header", e.getMessage());
    }

    @Test
    void missingFileAndDirectoryAreInputErrors() {
        Path missing = tmp.resolve("nope-idx3-ubyte");
        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        e = assertThrows(InputException.class, () -> IdxReader.readLabels(tmp));
        assertEquals(tmp + ": is a directory, expected a file", e.getMessage());
    }

    @Test
    void zeroImagesIsAnError() throws IOException {
        Path file = tmp.resolve("zero");
        Files.write(file, new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28});
        InputException e = assertThrows(InputException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("holds no images"), e.getMessage());
    }

    /** 50 images of 7x5, plain: 16 + 1750 bytes. */
    private Path plainImages() {
        Path plain = tmp.resolve("plain-idx3-ubyte");
        IdxReader.writeImages(plain, 50, 7, 5, IdxTestFiles.pixels(50, 7, 5, 3));
        return plain;
    }

    /** {@link #plainImages()} gzipped: a 10-byte header, deflate data, an 8-byte trailer. */
    private byte[] gzippedImages() throws IOException {
        byte[] gz = IdxTestFiles.gzip(Files.readAllBytes(plainImages()));
        assertArrayEquals(IdxTestFiles.pixels(50, 7, 5, 3), IdxReader.readImages(write("good.gz", gz)).pixels());
        return gz;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    /** @return a copy with every bit of byte {@code at} flipped (all 8: the last deflate byte may end in padding) */
    private static byte[] flipped(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= (byte) 0xff;
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
