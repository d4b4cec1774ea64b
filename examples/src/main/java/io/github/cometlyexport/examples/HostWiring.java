package io.github.cometlyexport.examples;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.app.ExportTable;
import io.github.cometlyexport.port.driven.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds the host's client and picks its table per profile: dev keeps files in a folder or in the host's own
 * {@link MemoryStore}, prod in S3 (AWS, or an S3-compatible store by {@code EXPORT_S3_ENDPOINT}). Only the
 * destination differs; the client, its meters and the nightly run are the same code in both.
 */
public final class HostWiring {
    private HostWiring() {
    }

    /**
     * The client and the table a run fills; closing it closes the client (never the host's store or registry).
     *
     * @param cometly the Space's client
     * @param table   where the run's files go
     */
    public record Wired(CometlyExport cometly, ExportTable table) implements AutoCloseable {
        /**
         * @param cometly the Space's client; not null
         * @param table   where the run's files go; not null
         */
        public Wired {
            Objects.requireNonNull(cometly, "cometly");
            Objects.requireNonNull(table, "table");
        }

        @Override
        public void close() {
            cometly.close();
        }
    }

    /**
     * @param settings the host's checked settings
     * @param registry the host's Micrometer registry: the client's meters go there
     * @param store    the host's own store, the table when {@code EXPORT_DESTINATION} is {@link HostSettings#MEMORY}
     * @param clock    the time source ({@link Clock#systemUTC()}; a test's own)
     * @param sleeper  how the client waits ({@link Sleeper#system()}; a test's own)
     * @return the client and its table; close it when done
     */
    public static Wired wire(HostSettings settings, MeterRegistry registry, MemoryStore store, Clock clock,
                             Sleeper sleeper) {
        // tag::wiring[]
        CometlyExport cometly = CometlyExport.builder(settings.config())  // from the environment, checked
                .store(store)                                              // the host's own store: table()
                .meterRegistry(registry)                                   // days by result, last success, …
                .clock(clock).sleeper(sleeper)                             // the system's (tests: their own)
                .build();
        ExportTable table = settings.inMemory() ? cometly.table()         // dev: the host's MemoryStore
                : cometly.table(settings.destination());                   // dev: a folder; prod: s3://…
        // end::wiring[]
        return new Wired(cometly, table);
    }
}
