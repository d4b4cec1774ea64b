package io.github.cometlyexport.domain.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Inflates a gzip file (RFC 1952) to its last byte: every member, one after another, and nothing else. After a
 * member's trailer only the end of the file or another complete, valid member may follow; bytes that are not a
 * member, a member cut short, or a member whose CRC-32 or length (ISIZE) disagrees with its data fail the read with
 * an {@link IOException} ({@link EOFException} when the file ends early, {@link ZipException} otherwise), never a
 * quiet end.
 *
 * <p>{@link java.util.zip.GZIPInputStream} is not strict enough for an export file: it goes on to a following
 * member only when its source reports bytes {@code available()}, and it ends quietly (as if the file were done) at
 * trailing bytes that are not a valid member, so a damaged second member would pass unnoticed.
 *
 * <p>Header flags FTEXT, FHCRC (the header's CRC-16 is checked), FEXTRA, FNAME and FCOMMENT are honoured; reserved
 * flag bits and a compression method other than deflate are refused. A file must hold at least one member: an empty
 * source is an {@link EOFException} at construction. Inflation writes straight into the caller's array, as
 * {@code GZIPInputStream} does, so read in large blocks. Not thread-safe.
 */
public final class GzipMembersInputStream extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;

    private final InputStream in;
    private final byte[] input;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    /** Bytes of {@link #input} from {@code pos} to {@code limit} are read from the source but not yet used. */
    private int pos;
    private int limit;
    /** Bytes read from the source so far, to say where a fault is. */
    private long sourceBytes;
    private int members;
    private boolean ended;
    private boolean closed;

    /**
     * Reads the first member's header.
     *
     * @param in         the gzip bytes; closed with this stream
     * @param bufferSize how many compressed bytes to read from {@code in} at a time
     * @throws IOException if {@code in} fails, is empty, or does not begin with a valid gzip header
     */
    public GzipMembersInputStream(InputStream in, int bufferSize) throws IOException {
        this.in = Objects.requireNonNull(in, "in");
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
        }
        this.input = new byte[bufferSize];
        readHeader();
    }

    /** @return how many members have begun so far (the first one is read at construction) */
    public int members() {
        return members;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("gzip member " + members + " is not valid deflate data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("gzip member " + members + " asks for a preset dictionary; gzip has none");
            } else if (inflater.needsInput()) {
                if (pos == limit && fill() < 0) {
                    throw new EOFException("gzip member " + members + " is cut short after " + sourceBytes
                            + " bytes");
                }
                inflater.setInput(input, pos, limit - pos);
                pos = limit;
            }
        }
        return -1;
    }

    /** Checks the trailer of the member just inflated, then reads the next member's header or the end. */
    private void endMember() throws IOException {
        // The inflater holds what it did not use of the last input it was given: it belongs to the trailer on.
        pos = limit - inflater.getRemaining();
        long expectedCrc = readInt();
        long expectedSize = readInt();
        if (expectedCrc != crc.getValue()) {
            throw new ZipException("gzip member " + members + " fails its CRC-32 check (trailer "
                    + Long.toHexString(expectedCrc) + ", data " + Long.toHexString(crc.getValue()) + ")");
        }
        long size = inflater.getBytesWritten() & 0xffffffffL;
        if (expectedSize != size) {
            throw new ZipException("gzip member " + members + " has the wrong length (trailer " + expectedSize
                    + " bytes mod 2^32, data " + size + ")");
        }
        inflater.reset();
        crc.reset();
        if (pos == limit && fill() < 0) {
            ended = true;
            return;
        }
        readHeader();
    }

    private void readHeader() throws IOException {
        long at = sourceBytes - (limit - pos);
        String what = members == 0 ? "the file" : "the bytes after gzip member " + members + " (at offset " + at + ")";
        headerCrc.reset();
        // Refused on the first byte that is not the magic, so that even one stray byte is named as such.
        if (headerByte(what) != 0x1f || headerByte(what) != 0x8b) {
            throw new ZipException(what + " do" + (members == 0 ? "es" : "") + " not begin with a gzip header");
        }
        members++;
        String member = "gzip member " + members + "'s header";
        if (headerByte(member) != 8) {
            throw new ZipException(member + " names a compression method other than deflate");
        }
        int flags = headerByte(member);
        if ((flags & RESERVED) != 0) {
            throw new ZipException(member + " sets reserved flag bits");
        }
        for (int i = 0; i < 6; i++) {
            headerByte(member); // MTIME, XFL, OS: not needed to inflate
        }
        if ((flags & FEXTRA) != 0) {
            int length = headerByte(member) | headerByte(member) << 8;
            for (int i = 0; i < length; i++) {
                headerByte(member);
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte(member) != 0) {
                // The original file name, zero-terminated: skipped.
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte(member) != 0) {
                // A comment, zero-terminated: skipped.
            }
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) headerCrc.getValue() & 0xffff;
            int stored = headerByte(member) | headerByte(member) << 8;
            if (stored != expected) {
                throw new ZipException(member + " fails its CRC-16 check");
            }
        }
    }

    private int headerByte(String what) throws IOException {
        if (pos == limit && fill() < 0) {
            throw new EOFException(what + ": the file ends inside a gzip header");
        }
        int b = input[pos++] & 0xff;
        headerCrc.update(b);
        return b;
    }

    /** A little-endian unsigned 32-bit trailer field. */
    private long readInt() throws IOException {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            if (pos == limit && fill() < 0) {
                throw new EOFException("gzip member " + members + " is cut short in its trailer");
            }
            value |= (long) (input[pos++] & 0xff) << (8 * i);
        }
        return value;
    }

    /** Refills {@link #input} from the source; only called when all of it is used. @return -1 at the end */
    private int fill() throws IOException {
        int n;
        do {
            n = in.read(input, 0, input.length);
        } while (n == 0);
        pos = 0;
        limit = Math.max(n, 0);
        if (n > 0) {
            sourceBytes += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.end();
            in.close();
        }
    }
}
