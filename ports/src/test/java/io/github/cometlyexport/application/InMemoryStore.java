package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A store in memory that keeps unpublished bytes for a later run to resume, like the local store. */
final class InMemoryStore implements StoreExportFilePort {

    static final class Held {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String etag;
    }

    final Map<ExportFileKey, Held> pending = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<ExportFileKey, byte[]> published = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<ExportFileKey, ExportManifest> manifests = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<String, TableDefinition> tables = new java.util.concurrent.ConcurrentHashMap<>();
    int begins;
    io.github.cometlyexport.domain.StoredFormat format = io.github.cometlyexport.domain.StoredFormat.GZIP;

    @Override
    public io.github.cometlyexport.domain.StoredFormat format() {
        return format;
    }

    @Override
    public String location() {
        return "mem:";
    }

    @Override
    public TableDefinition claimTable(TableDefinition wanted) {
        return tables.computeIfAbsent(wanted.dataset(), d -> wanted);
    }

    @Override
    public Optional<StoredExport> findStored(ExportFileKey key) {
        return Optional.ofNullable(manifests.get(key)).map(m -> new StoredExport(m, "mem:" + key.exportId()));
    }

    @Override
    public Optional<StoredExport> findStored(ExportRequest request) {
        return manifests.entrySet().stream().filter(e -> request.equals(e.getValue().request())).findFirst()
                .map(e -> new StoredExport(e.getValue(), "mem:" + e.getKey().exportId()));
    }

    @Override
    public InputStream openStored(StoredExport stored) {
        return published.entrySet().stream().filter(e -> stored.location().equals("mem:" + e.getKey().exportId()))
                .findFirst().map(e -> (InputStream) new ByteArrayInputStream(e.getValue())).orElseThrow();
    }

    @Override
    public PendingExportFile begin(ExportFileKey key) {
        begins++;
        Held held = pending.computeIfAbsent(key, k -> new Held());
        return new PendingExportFile() {
            @Override
            public long length() {
                return held.bytes.size();
            }

            @Override
            public Optional<String> sourceEtag() {
                return Optional.ofNullable(held.etag);
            }

            @Override
            public void recordSourceEtag(String etag) {
                held.etag = etag;
            }

            @Override
            public InputStream readHeld() {
                return new ByteArrayInputStream(held.bytes.toByteArray());
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                held.bytes.write(bytes, offset, length);
            }

            @Override
            public void reset() {
                held.bytes.reset();
                held.etag = null;
            }

            @Override
            public StoredExport publish(ExportManifest manifest) {
                published.put(key, held.bytes.toByteArray());
                manifests.put(key, manifest);
                pending.remove(key);
                return new StoredExport(manifest, "mem:" + key.exportId());
            }

            @Override
            public void discard() {
                pending.remove(key);
            }

            @Override
            public void close() {
                // Unpublished bytes stay in `pending` for a later run.
            }
        };
    }
}
