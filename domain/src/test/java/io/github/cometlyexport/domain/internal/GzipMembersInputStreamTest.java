package io.github.cometlyexport.domain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GzipMembersInputStreamTest {
    private static final int FTEXT = 1;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A member as the JDK writes it (no flags). */
    private static byte[] jdkMember(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** A member written by hand, with the given header flags and their fields. */
    private static byte[] member(byte[] data, int flags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});
        if ((flags & FEXTRA) != 0) {
            byte[] extra = {'A', 'B', 4, 0, 9, 9, 9, 9};
            out.write(extra.length);
            out.write(0);
            out.writeBytes(extra);
        }
        if ((flags & FNAME) != 0) {
            out.writeBytes(text("events-2024-01-15.ndjson"));
            out.write(0);
        }
        if ((flags & FCOMMENT) != 0) {
            out.writeBytes(text("a comment, Zoë"));
            out.write(0);
        }
        if ((flags & FHCRC) != 0) {
            CRC32 crc = new CRC32();
            crc.update(out.toByteArray());
            int crc16 = (int) crc.getValue() & 0xffff;
            out.write(crc16);
            out.write(crc16 >>> 8);
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        writeInt(out, crc.getValue());
        writeInt(out, data.length);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] gzip, int bufferSize) throws IOException {
        try (InputStream in = new GzipMembersInputStream(new ByteArrayInputStream(gzip), bufferSize)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static byte[] noise(int length, long seed) {
        byte[] bytes = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            // Letters, so that it compresses somewhat but not to nothing.
            bytes[i] = (byte) ('a' + random.nextInt(20));
        }
        return bytes;
    }

    @ParameterizedTest(name = "input buffer {0}")
    @ValueSource(ints = {1, 7, 64 * 1024})
    void givenSeveralMembers_whenRead_thenEveryMemberIsInflatedInOrder(int bufferSize) throws IOException {
        byte[] a = noise(300_000, 1);
        byte[] b = text("{\"id\":1}\n");
        byte[] c = new byte[0];
        byte[] file = concat(jdkMember(a), member(b, 0), jdkMember(c), member(a, FNAME | FHCRC));
        assertThat(inflate(file, bufferSize)).isEqualTo(concat(a, b, c, a));
    }

    @ParameterizedTest(name = "flags {0}")
    @ValueSource(ints = {FTEXT, FHCRC, FEXTRA, FNAME, FCOMMENT, FTEXT | FHCRC | FEXTRA | FNAME | FCOMMENT})
    void givenHeaderFlag_whenRead_thenItsFieldsAreSkippedAndTheDataInflated(int flags) throws IOException {
        byte[] data = text("{\"id\":1}\n{\"id\":2}\n");
        assertThat(inflate(member(data, flags), 3)).isEqualTo(data);
        assertThat(inflate(concat(member(data, 0), member(data, flags)), 64 * 1024)).isEqualTo(concat(data, data));
    }

    @Test
    void givenWrongHeaderCrc_whenRead_thenRefused() {
        byte[] file = member(text("x\n"), FHCRC | FNAME);
        int crcAt = 10 + "events-2024-01-15.ndjson".length() + 1;
        file[crcAt] ^= 1;
        assertThatThrownBy(() -> inflate(file, 64)).isInstanceOf(ZipException.class).hasMessageContaining("CRC-16");
    }

    @Test
    void givenReservedFlagOrOtherMethod_whenRead_thenRefused() {
        byte[] reserved = member(text("x\n"), 0);
        reserved[3] = 0x20;
        assertThatThrownBy(() -> inflate(reserved, 64)).isInstanceOf(ZipException.class)
                .hasMessageContaining("reserved");
        byte[] method = member(text("x\n"), 0);
        method[2] = 7;
        assertThatThrownBy(() -> inflate(method, 64)).isInstanceOf(ZipException.class)
                .hasMessageContaining("compression method");
    }

    @Test
    void givenBadCrcInAnyMember_whenRead_thenRefused() throws IOException {
        byte[] good = jdkMember(noise(10_000, 2));
        byte[] bad = good.clone();
        bad[bad.length - 8] ^= 1;
        assertThatThrownBy(() -> inflate(bad, 64 * 1024)).isInstanceOf(ZipException.class)
                .hasMessageContaining("gzip member 1 fails its CRC-32");
        assertThatThrownBy(() -> inflate(concat(good, bad), 64 * 1024)).isInstanceOf(ZipException.class)
                .hasMessageContaining("gzip member 2 fails its CRC-32");
    }

    @Test
    void givenBadIsizeInAnyMember_whenRead_thenRefused() throws IOException {
        byte[] good = jdkMember(noise(10_000, 3));
        byte[] bad = good.clone();
        bad[bad.length - 4] ^= 1;
        assertThatThrownBy(() -> inflate(bad, 64 * 1024)).isInstanceOf(ZipException.class)
                .hasMessageContaining("gzip member 1 has the wrong length");
        assertThatThrownBy(() -> inflate(concat(good, bad), 5)).isInstanceOf(ZipException.class)
                .hasMessageContaining("gzip member 2 has the wrong length");
    }

    @Test
    void givenBytesAfterAMemberThatAreNotAMember_whenRead_thenRefusedNotEndedQuietly() throws IOException {
        byte[] good = jdkMember(noise(50_000, 4));
        for (byte[] garbage : new byte[][] {text("garbage"), {0}, {0, 0, 0, 0, 0, 0, 0, 0}, {0x1f, (byte) 0x8c}}) {
            assertThatThrownBy(() -> inflate(concat(good, garbage), 64 * 1024)).isInstanceOf(ZipException.class)
                    .hasMessageContaining("after gzip member 1 (at offset " + good.length + ")")
                    .hasMessageContaining("not begin with a gzip header");
        }
    }

    @Test
    void givenSecondMemberCutShort_whenRead_thenEofWhereverTheCutIs() throws IOException {
        byte[] first = jdkMember(noise(20_000, 5));
        byte[] second = member(noise(20_000, 6), FNAME);
        // Cut in the magic, in the header's name, in the deflate data, and in the trailer.
        for (int keep : new int[] {1, 15, second.length / 2, second.length - 3}) {
            byte[] file = concat(first, Arrays.copyOf(second, keep));
            assertThatThrownBy(() -> inflate(file, 64 * 1024)).as("cut after %d bytes", keep)
                    .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void givenEmptyOrNonGzipSource_whenOpened_thenRefusedAtOnce() {
        assertThatThrownBy(() -> new GzipMembersInputStream(new ByteArrayInputStream(new byte[0]), 64))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new GzipMembersInputStream(new ByteArrayInputStream(text("{\"id\":1}\n")), 64))
                .isInstanceOf(ZipException.class).hasMessage("the file does not begin with a gzip header");
    }

    @Test
    void givenBytesReadOneAtATime_whenRead_thenTheSameDataAndMembersCounted() throws IOException {
        byte[] data = text("{\"id\":1}\n");
        try (GzipMembersInputStream in = new GzipMembersInputStream(new ByteArrayInputStream(
                concat(member(data, FCOMMENT), jdkMember(data))), 2)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
            }
            assertThat(out.toByteArray()).isEqualTo(concat(data, data));
            assertThat(in.members()).isEqualTo(2);
            assertThat(in.read()).isEqualTo(-1);
        }
    }
}
