package org.vae4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The decompressed content of a gzip file (RFC 1952): its members one after another, as {@code gzip -d}
 * reads {@code cat a.gz b.gz}, each checked against its trailer (CRC-32 and length) when it ends.
 *
 * <p>Stricter than {@link java.util.zip.GZIPInputStream}, which silently stops at bytes after a member
 * that do not start another one: here those bytes, a file that ends inside a member, a mismatched
 * trailer and undecodable deflate data each throw a {@link ZipException} whose message is the whole
 * problem in one line. The trailer of the last member is checked only when the reader reaches it, so a
 * caller that trusts the content reads to the end (-1).
 */
final class GzipContent extends InputStream {

    /** Header flags of RFC 1952, section 2.3.1. */
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED = 0xe0;
    private static final int DEFLATE = 8;

    private final InputStream in;
    private final byte[] buf;
    /** buf[pos..limit) holds compressed bytes read from {@code in} but not yet used. */
    private int pos;
    private int limit;
    private final Inflater inflater = new Inflater(true);
    /** CRC-32 of the current member's header while it is read, then of its content. */
    private final CRC32 crc = new CRC32();
    private final byte[] single = new byte[1];
    private boolean ended;

    /** Reads the first member's header from {@code in}. */
    GzipContent(InputStream in, int bufferSize) throws IOException {
        this.in = in;
        this.buf = new byte[bufferSize];
        if (nextByte() != 0x1f || nextByte() != 0x8b) {
            throw new ZipException("not a gzip stream");
        }
        readHeader();
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            if (inflater.needsInput()) {
                if (pos == limit && !fill()) {
                    throw endsInside();
                }
                inflater.setInput(buf, pos, limit - pos);
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("damaged gzip stream: " + ReadErrors.oneLine(e.getMessage()));
            }
            pos = limit - inflater.getRemaining();
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("damaged gzip stream: its deflate data asks for a preset dictionary");
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }

    /** Checks the trailer of the member just inflated, then starts the next member if bytes follow. */
    private void endMember() throws IOException {
        long crcInTrailer = readUInt32();
        long lengthInTrailer = readUInt32();
        if (crcInTrailer != crc.getValue()) {
            throw new ZipException("damaged gzip stream: the CRC-32 of its content does not match its trailer");
        }
        if (lengthInTrailer != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("damaged gzip stream: the length of its content does not match its trailer");
        }
        int id1 = nextByte();
        if (id1 < 0) {
            ended = true;
            return;
        }
        int id2 = nextByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            long after = (id2 < 0 ? 1 : 2) + limit - pos + in.transferTo(OutputStream.nullOutputStream());
            throw new ZipException(after + (after == 1 ? " byte" : " bytes")
                    + " after the end of the gzip stream that do not start another gzip member");
        }
        readHeader();
    }

    /**
     * Reads the rest of a member header (RFC 1952, section 2.3) after its magic bytes 1f 8b, and readies
     * the inflater for the member's deflate data.
     */
    private void readHeader() throws IOException {
        crc.reset();
        crc.update(0x1f);
        crc.update(0x8b);
        int method = readHeaderByte();
        if (method != DEFLATE) {
            throw new ZipException("damaged gzip stream: compression method " + method + ", not deflate (8)");
        }
        int flags = readHeaderByte();
        if ((flags & RESERVED) != 0) {
            throw new ZipException(String.format("damaged gzip stream: reserved header flags 0x%02x", flags));
        }
        for (int i = 0; i < 6; i++) {
            readHeaderByte(); // modification time, extra flags, operating system
        }
        if ((flags & FEXTRA) != 0) {
            int extraLength = readHeaderByte() | readHeaderByte() << 8;
            for (int i = 0; i < extraLength; i++) {
                readHeaderByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (readHeaderByte() != 0) {
                // the original file name, zero-terminated
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (readHeaderByte() != 0) {
                // a comment, zero-terminated
            }
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) crc.getValue() & 0xffff;
            if ((readByte() | readByte() << 8) != expected) {
                throw new ZipException("damaged gzip stream: the header CRC does not match the header");
            }
        }
        crc.reset();
        inflater.reset();
    }

    private int readHeaderByte() throws IOException {
        int b = readByte();
        crc.update(b);
        return b;
    }

    private long readUInt32() throws IOException {
        return readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24;
    }

    private int readByte() throws IOException {
        int b = nextByte();
        if (b < 0) {
            throw endsInside();
        }
        return b;
    }

    /** @return the next compressed byte, or -1 at the end of {@code in} */
    private int nextByte() throws IOException {
        return pos == limit && !fill() ? -1 : buf[pos++] & 0xff;
    }

    /** Refills buf when it is used up; @return false at the end of {@code in} */
    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private static ZipException endsInside() {
        return new ZipException("truncated or damaged gzip stream: the file ends inside it");
    }
}
