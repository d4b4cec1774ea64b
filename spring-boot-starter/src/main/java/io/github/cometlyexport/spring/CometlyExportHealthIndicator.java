package io.github.cometlyexport.spring;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.port.driven.TrackExportDaysPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The export's health: each table is down when its last success (or the start, before the first) is older than
 * {@code cometly.export.health.max-age}, or when its last run was refused the key (401 or 403); the ledger is down
 * when it cannot be read. Details carry times, ages and the kind of a problem, never a key, a URL's secret or a
 * message.
 */
public final class CometlyExportHealthIndicator implements HealthIndicator {
    private final CometlyExport client;
    private final CometlyExportTables tables;
    private final ExportRunLog log;
    private final Duration maxAge;
    private final Clock clock;

    /**
     * @param client the Space's client (its ledger)
     * @param tables the tables to report
     * @param log    what their runs ended with
     * @param maxAge the oldest last success a table may have and be up
     * @param clock  the time source
     */
    CometlyExportHealthIndicator(CometlyExport client, CometlyExportTables tables, ExportRunLog log, Duration maxAge,
                                 Clock clock) {
        this.client = client;
        this.tables = tables;
        this.log = log;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        boolean up = true;
        Map<String, Object> tableDetails = new LinkedHashMap<>();
        for (String name : tables.all().keySet()) {
            Map<String, Object> d = new LinkedHashMap<>();
            ExportRunLog.TableRuns runs = log.table(name).orElse(null);
            Instant since = runs == null || runs.lastSuccess() == null ? log.started() : runs.lastSuccess();
            Duration age = Duration.between(since, now);
            boolean refused = runs != null && runs.keyRefused();
            boolean tableUp = !refused && age.compareTo(maxAge) <= 0;
            d.put("status", tableUp ? "UP" : "DOWN");
            d.put("lastSuccess", runs == null || runs.lastSuccess() == null ? "none" : runs.lastSuccess().toString());
            d.put("age", age.toString());
            if (runs != null) {
                d.put("lastRun", runs.lastRun().toString());
            }
            if (refused) {
                d.put("keyRefused", true);
            }
            if (runs != null && runs.problem() != null) {
                d.put("problem", runs.problem());
            }
            tableDetails.put(name, d);
            up &= tableUp;
        }
        Health.Builder b = new Health.Builder();
        b.withDetail("tables", tableDetails).withDetail("maxAge", maxAge.toString());
        TrackExportDaysPort ledger = client.ledger();
        if (ledger == TrackExportDaysPort.none()) {
            b.withDetail("ledger", "none");
        } else {
            try {
                LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
                ledger.list(today, today, "events");
                b.withDetail("ledger", "reachable");
            } catch (RuntimeException e) {
                b.withDetail("ledger", "unreachable (" + e.getClass().getSimpleName() + ")");
                up = false;
            }
        }
        return (up ? b.up() : b.down()).build();
    }
}
