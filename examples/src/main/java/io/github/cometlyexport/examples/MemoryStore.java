package io.github.cometlyexport.examples;

import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's own store, in memory: what a host plugs in through {@code CometlyExport.builder(config).store(store)}
 * (a dev profile, tests, a store of another kind), held to {@link StoreExportFilePort}'s promises:
 *
 * <ul>
 *   <li>one file per day of a dataset, under a name fixed by the day (by the job when the day is unknown);</li>
 *   <li>a file and its manifest are published together, in one step ({@link ConcurrentHashMap#put} of one immutable
 *       entry), replacing an earlier file of the day: a reader sees the old day or the new one, never a mix;</li>
 *   <li>nothing is visible before {@link PendingExportFile#publish}; an unpublished file is dropped on close (this
 *       store does not resume: every {@link #begin} starts at byte 0, which the port allows);</li>
 *   <li>a stored file is found only while its bytes hash to its manifest's SHA-256;</li>
 *   <li>a table's definition is written once per dataset, atomically.</li>
 * </ul>
 *
 * Thread-safe. Its files live as long as the object does.
 */
public final class MemoryStore implements StoreExportFilePort {
    private static final AtomicLong INSTANCES = new AtomicLong();

    /** A published file with its manifest: replaced as a whole, never changed. */
    private record Entry(byte[] bytes, ExportManifest manifest, String name) {
    }

    private final String location = HostSettings.MEMORY + "store-" + INSTANCES.incrementAndGet();
    private final Map<String, Entry> files = new ConcurrentHashMap<>();
    private final Map<String, TableDefinition> tables = new ConcurrentHashMap<>();

    /** @return {@code memory:store-N}: one name per instance, so that a ledger keys each store's days apart */
    @Override
    public String location() {
        return location;
    }

    @Override
    public Optional<StoredExport> findStored(ExportFileKey key) {
        return Optional.ofNullable(files.get(name(key))).filter(MemoryStore::intact)
                .map(e -> new StoredExport(e.manifest(), e.name()));
    }

    @Override
    public Optional<StoredExport> findStored(ExportRequest request) {
        return findStored(ExportFileKey.ofDay(request.dataset(), request.date()))
                .filter(stored -> request.equals(stored.manifest().request()));
    }

    @Override
    public TableDefinition claimTable(TableDefinition wanted) {
        return tables.computeIfAbsent(wanted.dataset(), dataset -> wanted);
    }

    @Override
    public InputStream openStored(StoredExport stored) {
        Entry entry = files.get(stored.location());
        if (entry == null) {
            throw new ExportStorageException(stored.location() + " is not stored", null, false);
        }
        return new ByteArrayInputStream(entry.bytes());
    }

    @Override
    public PendingExportFile begin(ExportFileKey key) {
        return new Pending(name(key));
    }

    /** @return the day's bytes as stored, if the day is stored (for hosts and tests that read them back) */
    public Optional<byte[]> bytes(ExportFileKey key) {
        return Optional.ofNullable(files.get(name(key))).map(e -> e.bytes().clone());
    }

    /** @return how many files are stored */
    public int size() {
        return files.size();
    }

    /** The data file's name: fixed by the day, so that a day has one file whichever job made it. */
    private String name(ExportFileKey key) {
        String part = key.date() != null ? "date=" + key.date() : "export_id=" + key.exportId().value();
        return location + "/" + key.dataset().wireName() + "/" + part;
    }

    private static boolean intact(Entry e) {
        return e.bytes().length == e.manifest().bytes() && sha256(e.bytes()).equals(e.manifest().sha256());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A file in progress: private to its writer until published; used by one thread at a time. */
    private final class Pending implements PendingExportFile {
        private final String name;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private String etag;
        private boolean done;

        Pending(String name) {
            this.name = name;
        }

        @Override
        public long length() {
            return held.size();
        }

        @Override
        public Optional<String> sourceEtag() {
            return Optional.ofNullable(etag);
        }

        @Override
        public void recordSourceEtag(String value) {
            etag = value;
        }

        @Override
        public InputStream readHeld() {
            return new ByteArrayInputStream(held.toByteArray());
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            open();
            held.write(bytes, offset, length);
        }

        @Override
        public void reset() {
            held.reset();
            etag = null;
        }

        @Override
        public StoredExport publish(ExportManifest manifest) {
            Objects.requireNonNull(manifest, "manifest");
            open();
            byte[] bytes = held.toByteArray();
            if (manifest.bytes() != bytes.length) {
                throw new ExportStorageException("the manifest says " + manifest.bytes() + " bytes, " + bytes.length
                        + " were written to " + name, null, false);
            }
            files.put(name, new Entry(bytes, manifest, name));
            done = true;
            return new StoredExport(manifest, name);
        }

        @Override
        public void discard() {
            reset();
            done = true;
        }

        @Override
        public void close() {
            // Nothing was ever visible: an unpublished file just goes away with this object.
            done = true;
        }

        private void open() {
            if (done) {
                throw new ExportStorageException(name + " was already published, discarded or closed", null, false);
            }
        }
    }
}
