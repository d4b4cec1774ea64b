package io.github.cometlyexport.adapter.storage;

import io.github.cometlyexport.testing.ForkedJvm;
import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Run in forked JVMs by {@link StoreMemoryIT}. Modes:
 * <ul>
 *   <li>{@code stream <store> <bytes>}: streams that many deterministic bytes into a store and publishes them,
 *       printing the SHA-256 and the heap's peak;</li>
 *   <li>{@code die <dir> <bytes>}: writes that many bytes into a local pending file and halts the JVM without
 *       closing anything, as a killed process would.</li>
 * </ul>
 * {@code <store>} is {@code local:<dir>} or {@code s3:<endpoint>:<bucket>}.
 */
public final class StoreProbe {
    static final ExportFileKey KEY = new ExportFileKey(new ExportJobId(77), LocalDate.of(2024, 1, 15));

    private StoreProbe() {
    }

    public static void main(String[] args) throws Exception {
        long total = Long.parseLong(args[2]);
        if (args[0].equals("die")) {
            PendingExportFile pending = new LocalFileStorageAdapter(Path.of(args[1])).begin(KEY);
            pending.recordSourceEtag("\"v1\"");
            write(pending, total, null);
            Runtime.getRuntime().halt(137);
        }
        StoreExportFilePort store = store(args[1]);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        StoredExport stored;
        try (PendingExportFile pending = store.begin(KEY)) {
            write(pending, total, sha);
            String hex = HexFormat.of().formatHex(sha.digest());
            Instant t = Instant.parse("2024-01-16T00:00:00Z");
            stored = pending.publish(new ExportManifest(KEY.exportId(), KEY.date(), null, total, hex, 1, t, t, t,
                    null, 1, false));
        }
        long peak = ForkedJvm.peakHeapBytes();
        System.out.println("stored=" + stored.location() + " sha256=" + stored.manifest().sha256()
                + " peakHeapBytes=" + peak);
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }

    /** Deterministic bytes: the same {@code total} always gives the same content. */
    static void write(PendingExportFile pending, long total, MessageDigest sha) {
        SplittableRandom random = new SplittableRandom(2024);
        byte[] chunk = new byte[64 * 1024];
        for (long done = 0; done < total; done += chunk.length) {
            for (int i = 0; i < chunk.length; i += 8) {
                long v = random.nextLong();
                for (int j = 0; j < 8; j++) {
                    chunk[i + j] = (byte) (v >>> (8 * j));
                }
            }
            int n = (int) Math.min(chunk.length, total - done);
            pending.write(chunk, 0, n);
            if (sha != null) {
                sha.update(chunk, 0, n);
            }
        }
    }

    static StoreExportFilePort store(String spec) {
        if (spec.startsWith("local:")) {
            return new LocalFileStorageAdapter(Path.of(spec.substring(6)));
        }
        String[] parts = spec.split(":", 2)[1].split("\\|");
        return io.github.cometlyexport.adapter.storage.s3.S3Access.store(parts[0], parts[1]);
    }
}
