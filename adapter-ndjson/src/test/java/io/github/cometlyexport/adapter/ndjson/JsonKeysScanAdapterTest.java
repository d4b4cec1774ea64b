package io.github.cometlyexport.adapter.ndjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.ScanExportLinesPort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class JsonKeysScanAdapterTest {
    private static final String LINES = "{\"id\":1,\"event_name\":\"purchase\",\"touchpoints\":[{\"source\":\"x\"}]}\n"
            + "{\"id\":2,\"note\":{\"nested\":{\"deep\":true}},\"amount\":1.5}\n";
    private final JsonKeysScanAdapter scanner = new JsonKeysScanAdapter();

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void givenGzipOfTwoMembers_whenScanned_thenLinesTopLevelKeysAndTheStoredBytesHash() throws Exception {
        byte[] one = gzip(LINES.getBytes(StandardCharsets.UTF_8));
        byte[] two = gzip("{\"id\":3,\"coupon\":\"W\"}\n".getBytes(StandardCharsets.UTF_8));
        byte[] file = new byte[one.length + two.length];
        System.arraycopy(one, 0, file, 0, one.length);
        System.arraycopy(two, 0, file, one.length, two.length);
        ScanExportLinesPort.Scan scan = scanner.scan(new ByteArrayInputStream(file));
        assertThat(scan).isEqualTo(new ScanExportLinesPort.Scan(file.length, sha(file), 3,
                Set.of("id", "event_name", "touchpoints", "note", "amount", "coupon"), null));
    }

    @Test
    void givenPlainNdjsonAndAnEmptyFile_whenScanned_thenReadAsTheyAre() throws Exception {
        byte[] plain = LINES.getBytes(StandardCharsets.UTF_8);
        assertThat(scanner.scan(new ByteArrayInputStream(plain)).lines()).isEqualTo(2);
        assertThat(scanner.scan(new ByteArrayInputStream(new byte[0])))
                .isEqualTo(new ScanExportLinesPort.Scan(0, sha(new byte[0]), 0, Set.of(), null));
    }

    @Test
    void givenAFlippedByteInTheGzip_whenScanned_thenAProblemAndTheWholeFileStillHashed() throws Exception {
        byte[] file = gzip(LINES.repeat(50).getBytes(StandardCharsets.UTF_8));
        file[file.length / 2] ^= 0x10;
        ScanExportLinesPort.Scan scan = scanner.scan(new ByteArrayInputStream(file));
        assertThat(scan.problem()).isNotNull();
        assertThat(scan.bytes()).isEqualTo(file.length);
        assertThat(scan.sha256()).isEqualTo(sha(file));
    }

    @Test
    void givenTwoObjectsOnOneLineOrALineThatIsNotAnObject_whenScanned_thenAProblemNamingTheLine() {
        assertThat(scanner.scan(new ByteArrayInputStream("{\"a\":1}\n{\"b\":1}{\"c\":1}\n"
                .getBytes(StandardCharsets.UTF_8))).problem()).isEqualTo("line 2 is not a JSON object");
        assertThat(scanner.scan(new ByteArrayInputStream("{\"a\":1}\n[1]\n".getBytes(StandardCharsets.UTF_8)))
                .problem()).isEqualTo("line 2 is not a JSON object");
    }

    @Test
    void givenAStoreThatFailsMidway_whenScanned_thenAStorageFailureNotAProblemOfTheFile() {
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ < 3) {
                    return '{';
                }
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> scanner.scan(failing)).isInstanceOf(ExportStorageException.class)
                .hasMessageContaining("connection reset");
    }
}
