package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.ndjson.JsonKeysScanAdapter;
import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.application.AuditTableService;
import io.github.cometlyexport.port.driven.InspectTablePort;
import io.github.cometlyexport.port.driving.AuditTableUseCase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Audits the tables of one destination: is every closed day stored, are the files still the bytes their manifests
 * describe, do their volumes and keys look plausible. Needs no API key and sends no request to Cometly: it reads
 * the store alone (a local folder, or S3 with the AWS SDK on the class path). Thread-safe; {@link #close()} closes
 * the S3 client it made.
 */
public final class TableAudit implements AutoCloseable {
    private final S3Stores s3;
    private final InspectTablePort table;
    private final AuditTableUseCase audit;

    private TableAudit(S3Stores s3, InspectTablePort table, Clock clock) {
        this.s3 = s3;
        this.table = table;
        this.audit = AuditTableService.create(table, new JsonKeysScanAdapter(), clock);
    }

    /**
     * @param destination a local folder, or {@code s3://bucket/prefix}
     * @param s3Endpoint  an S3-compatible endpoint, or {@code null} for AWS
     * @param pathStyle   address buckets by path (S3-compatible stores)
     * @param clock       says which days are closed
     * @return the audit of that destination's tables
     * @throws IllegalArgumentException if the destination is empty or not a valid S3 location
     * @throws IllegalStateException    if an S3 destination lacks the AWS SDK
     */
    public static TableAudit of(String destination, URI s3Endpoint, boolean pathStyle, Clock clock) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(clock, "clock");
        if (destination.isBlank()) {
            throw new IllegalArgumentException("the destination must not be empty");
        }
        if (!destination.startsWith("s3://")) {
            return new TableAudit(null, new LocalFileStorageAdapter(Path.of(destination)), clock);
        }
        S3Stores stores = new S3Stores(s3Endpoint, pathStyle, null);
        try {
            return new TableAudit(stores, stores.inspector(destination), clock);
        } catch (NoClassDefFoundError e) {
            stores.close();
            throw new IllegalStateException("an s3:// destination needs software.amazon.awssdk:s3 and "
                    + "software.amazon.awssdk:apache5-client on the class path", e);
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    /** @return the audit use case */
    public AuditTableUseCase audit() {
        return audit;
    }

    /** @return the destination's canonical name */
    public String location() {
        return table.location();
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
