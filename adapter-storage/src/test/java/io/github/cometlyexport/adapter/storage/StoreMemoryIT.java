package io.github.cometlyexport.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.testing.ForkedJvm;
import io.github.cometlyexport.testing.S3ProxyServer;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.PendingExportFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** Stores fed from forked JVMs: a 200 MB stream within a 64 MB heap, and a write killed midway then resumed. */
class StoreMemoryIT {
    private static final long SIZE = 200L * 1024 * 1024;

    @TempDir
    Path dir;

    private static String run(String... args) throws IOException, InterruptedException {
        ForkedJvm.Result r = ForkedJvm.runToExit(StoreProbe.class, "64m", Duration.ofSeconds(150), args);
        return r.exitCode() + "\n" + r.output();
    }

    private static void assertStreamed(String out) {
        assertThat(out).as(out).startsWith("0\n");
        Matcher m = Pattern.compile("sha256=([0-9a-f]{64}) peakHeapBytes=(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Long.parseLong(m.group(2))).as("peak heap").isLessThan(64L * 1024 * 1024);
        System.out.println("store memory probe: " + m.group());
    }

    @Test
    void given200MbStream_whenStoredLocallyWith64MbHeap_thenPublished() throws Exception {
        assertStreamed(run("stream", "local:" + dir, Long.toString(SIZE)));
        assertThat(Files.size(dir.resolve("events/date=2024-01-15/events-2024-01-15.ndjson.gz"))).isEqualTo(SIZE);
    }

    @Test
    void given200MbStream_whenStoredInS3With64MbHeap_thenPublishedAsMultipart() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.onDisk(Files.createDirectories(dir.resolve("s3")))) {
            S3Client s3 = server.client();
            s3.createBucket(b -> b.bucket("memory-probe"));
            assertStreamed(run("stream", "s3:" + server.endpoint() + "|memory-probe", Long.toString(SIZE)));
            long size = s3.headObject(b -> b.bucket("memory-probe")
                    .key("probe/events/date=2024-01-15/events-2024-01-15.ndjson.gz")).contentLength();
            assertThat(size).isEqualTo(SIZE);
        }
    }

    @Test
    void givenWriteKilledMidway_whenRerun_thenNoFinalFileUntilTheResumeCompletesIt() throws Exception {
        long half = 3L * 1024 * 1024 + 17;
        String died = run("die", dir.toString(), Long.toString(half));
        assertThat(died).startsWith("137\n");
        Path folder = dir.resolve("events/date=2024-01-15");
        assertThat(folder.resolve("events-2024-01-15.ndjson.gz")).doesNotExist();
        assertThat(folder.resolve("_manifest.json")).doesNotExist();

        LocalFileStorageAdapter store = new LocalFileStorageAdapter(dir);
        assertThat(store.findStored(StoreProbe.KEY)).isEmpty();
        long total = 5L * 1024 * 1024;
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (PendingExportFile pending = store.begin(StoreProbe.KEY)) {
            assertThat(pending.length()).isEqualTo(half);
            assertThat(pending.sourceEtag()).contains("\"v1\"");
            // Rebuild the whole deterministic content, and append only what the killed run did not write.
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            PendingExportFile collector = new Collector(all);
            StoreProbe.write(collector, total, expected);
            byte[] content = all.toByteArray();
            try (var held = pending.readHeld()) {
                assertThat(held.readAllBytes()).isEqualTo(java.util.Arrays.copyOf(content, (int) half));
            }
            pending.write(content, (int) half, content.length - (int) half);
            String sha = HexFormat.of().formatHex(expected.digest());
            java.time.Instant t = java.time.Instant.EPOCH;
            StoredExport stored = pending.publish(new io.github.cometlyexport.domain.ExportManifest(
                    StoreProbe.KEY.exportId(), StoreProbe.KEY.date(), null, total, sha, 1, t, t, t, "\"v1\"", 1, false));
            assertThat(Files.readAllBytes(Path.of(stored.location()))).isEqualTo(content);
        }
        assertThat(store.findStored(StoreProbe.KEY)).isPresent();
    }

    /** Collects what {@link StoreProbe#write} produces. */
    private record Collector(java.io.ByteArrayOutputStream out) implements PendingExportFile {
        @Override
        public long length() {
            return out.size();
        }

        @Override
        public java.util.Optional<String> sourceEtag() {
            return java.util.Optional.empty();
        }

        @Override
        public void recordSourceEtag(String etag) {
        }

        @Override
        public java.io.InputStream readHeld() {
            return new java.io.ByteArrayInputStream(out.toByteArray());
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            out.write(bytes, offset, length);
        }

        @Override
        public void reset() {
            out.reset();
        }

        @Override
        public StoredExport publish(io.github.cometlyexport.domain.ExportManifest manifest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void discard() {
        }

        @Override
        public void close() {
        }
    }
}
