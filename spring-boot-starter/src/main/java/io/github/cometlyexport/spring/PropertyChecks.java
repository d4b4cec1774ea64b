package io.github.cometlyexport.spring;

import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.Violation;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/**
 * Turns the {@code cometly.export.*} properties into the client's configuration and the tables' requests, checking
 * them all first: every problem is reported at once, each naming its property; the key's value is never shown.
 */
final class PropertyChecks {
    private static final String P = "cometly.export.";
    /** The converter a Parquet table needs, named so that its absence is a property problem, not a stack trace. */
    static final String PARQUET_ADAPTER = "io.github.cometlyexport.adapter.parquet.ParquetConversionAdapter";

    private PropertyChecks() {
    }

    /** @return whether a class is loadable here (without initialising it) */
    static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, PropertyChecks.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @param props         the properties
     * @param hostStore     whether the application has its own store bean (a table without a destination uses it)
     * @return the client's configuration
     * @throws CometlyExportPropertiesException naming every bad property
     */
    static CometlyExportConfig config(CometlyExportProperties props, boolean hostStore) {
        List<String> problems = new ArrayList<>();
        ApiKey key = key(props.apiKey(), problems);
        positive("settle", props.settle(), true, problems);
        positive("timeout", props.timeout(), false, problems);
        positive("download-timeout", props.downloadTimeout(), false, problems);
        positive("shutdown-grace", props.shutdownGrace(), true, problems);
        positive("health.max-age", props.health().maxAge(), false, problems);
        atLeastOne("status-rate", props.statusRate(), problems);
        atLeastOne("create-rate", props.createRate(), problems);
        atLeastOne("max-attempts", props.maxAttempts(), problems);
        String scheme = props.baseUrl() == null ? null : props.baseUrl().getScheme();
        if (props.baseUrl() != null && (props.baseUrl().getHost() == null
                || !("https".equals(scheme) || "http".equals(scheme)) || props.baseUrl().getRawQuery() != null)) {
            problems.add(P + "base-url must be an absolute http(s) URL without a query");
        }
        String ledger = props.ledger() == null ? "" : props.ledger().trim();
        if (!ledger.equals(CometlyExportProperties.NO_LEDGER) && !ledger.equals(CometlyExportProperties.DATASOURCE_LEDGER)
                && !ledger.startsWith("jdbc:")) {
            problems.add(P + "ledger must be \"datasource\", \"none\" or a JDBC URL (jdbc:sqlite:… or "
                    + "jdbc:postgresql://…)");
        }
        tables(props, hostStore, problems);
        schedule(props.schedule(), problems);
        if (props.format() == StoredFormat.PARQUET && !onClassPath(PARQUET_ADAPTER)) {
            problems.add(P + "format parquet needs io.github.cometlyexport:cometly-export-adapter-parquet on the "
                    + "class path");
        }
        if (props.tables().isEmpty()) {
            problems.add(P + "tables must name at least one table (cometly.export.tables.<name>.destination)");
        }
        if (!problems.isEmpty()) {
            throw new CometlyExportPropertiesException(problems);
        }
        CometlyExportConfig.Builder b = CometlyExportConfig.builder(key)
                .rates(props.statusRate(), props.createRate()).timeout(props.timeout())
                .maxAttempts(props.maxAttempts()).lineCheck(props.verify())
                .closure(new DayClosure(props.spaceZone() == null ? DayClosure.LATEST_ZONE : props.spaceZone(),
                        props.settle()))
                .http(h -> h.timeouts(h.build().connectTimeout(), h.build().responseTimeout(),
                        props.downloadTimeout()));
        if (props.baseUrl() != null) {
            b.baseUrl(props.baseUrl());
        }
        if (ledger.startsWith("jdbc:")) {
            b.ledger(ledger);
        }
        return b.build();
    }

    /**
     * @param props     the properties
     * @param hostStore whether the application has its own store bean
     * @return each table's request (its dataset and filters), by name, in the properties' order
     * @throws CometlyExportPropertiesException naming every bad table property
     */
    static Map<String, ExportRequest> tables(CometlyExportProperties props, boolean hostStore) {
        List<String> problems = new ArrayList<>();
        Map<String, ExportRequest> out = tables(props, hostStore, problems);
        if (!problems.isEmpty()) {
            throw new CometlyExportPropertiesException(problems);
        }
        return out;
    }

    private static Map<String, ExportRequest> tables(CometlyExportProperties props, boolean hostStore,
                                                     List<String> problems) {
        Map<String, ExportRequest> out = new LinkedHashMap<>();
        int hostTables = 0;
        for (Map.Entry<String, CometlyExportProperties.Table> e : props.tables().entrySet()) {
            String name = P + "tables." + e.getKey() + ".";
            CometlyExportProperties.Table t = e.getValue();
            if (t.destination() == null || t.destination().isBlank()) {
                hostTables++;
                if (!hostStore) {
                    problems.add(name + "destination must be set (a folder or s3://bucket/prefix), or the "
                            + "application must declare a StoreExportFilePort bean");
                }
            }
            Optional<Dataset> dataset = Dataset.fromName(t.dataset());
            if (dataset.isEmpty()) {
                problems.add(name + "dataset must be events, contacts or companies");
                continue;
            }
            ExportRequest.Builder b = ExportRequest.builder().dataset(dataset.get()).date(LocalDate.of(2024, 1, 1))
                    .includeCometTokens(t.includeCometTokens()).includeAllEmails(t.includeAllEmails());
            if (t.eventNames() != null) {
                b.eventNames(t.eventNames());
            }
            if (t.sources() != null) {
                b.sources(t.sources());
            }
            if (t.fields() != null) {
                b.fields(t.fields());
            }
            if (t.queryMode() != null) {
                b.queryMode(t.queryMode());
            }
            List<Violation> violations = b.violations();
            for (Violation v : violations) {
                problems.add(name + v.field().replace('_', '-') + " " + v.message());
            }
            if (violations.isEmpty()) {
                out.put(e.getKey(), b.build());
            }
        }
        if (hostTables > 1) {
            problems.add(P + "tables: only one table may go without a destination (the application's one store)");
        }
        return out;
    }

    private static void schedule(CometlyExportProperties.Schedule s, List<String> problems) {
        if (s.cron() != null && !CronExpression.isValidExpression(s.cron())) {
            problems.add(P + "schedule.cron is not a cron expression (six fields: second minute hour day month "
                    + "weekday)");
        }
        if (s.refreshDays() < 0) {
            problems.add(P + "schedule.refresh-days must not be negative");
        }
    }

    private static ApiKey key(String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(P + "api-key is not set (the Space's key: set it from the environment, e.g. "
                    + "COMETLY_EXPORT_APIKEY, or a secret store)");
            return null;
        }
        try {
            return new ApiKey(value);
        } catch (IllegalArgumentException e) {
            // The key's value is never shown, nor a message that could quote it.
            problems.add(P + "api-key is not a key: a non-empty token without spaces or control characters");
            return null;
        }
    }

    private static void positive(String name, Duration d, boolean zeroAllowed, List<String> problems) {
        if (d == null || d.isNegative() || !zeroAllowed && d.isZero()) {
            problems.add(P + name + " must be " + (zeroAllowed ? "zero or more" : "positive"));
        }
    }

    private static void atLeastOne(String name, int value, List<String> problems) {
        if (value < 1) {
            problems.add(P + name + " must be at least 1");
        }
    }
}
