package io.github.cometlyexport.spring;

import io.github.cometlyexport.adapter.http.CometlyHttpConfig;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.StoredFormat;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cometly.export.* properties: one Cometly Space, its tables, its ledger, its schedule. Checked at
 * start-up, every problem at once, each named by its property, never showing the key.
 * {@link #toString()} never shows the key.
 *
 * @param enabled         whether the starter wires anything
 * @param apiKey          the Space's API key (required; keep it out of the files: an environment variable or a
 *                        secret store)
 * @param baseUrl         the API base URL: Cometly's, or a simulator's in development
 * @param spaceZone       the Space's time zone (an IANA id); unset: UTC-12, the latest on earth, so that no day is
 *                        cut short
 * @param settle          how long after a day ends before it counts as closed
 * @param statusRate      status requests per minute for the Space
 * @param createRate      job creates per minute for the Space
 * @param timeout         the longest wait for one job, queued and processing together
 * @param maxAttempts     jobs created per day in all when jobs fail
 * @param downloadTimeout the longest silence in the middle of a download before it counts as stalled (and resumes)
 * @param ledger          where days are claimed and jobs recorded: datasource (the application's own
 *                        DataSource, SQLite or PostgreSQL), a JDBC URL, or none
 * @param verify          how each line is checked: json (full JSON) or shape (faster)
 * @param format          how files are stored: gzip (as downloaded), ndjson (decompressed) or parquet (typed columns;
 *                        needs cometly-export-adapter-parquet)
 * @param tables          the tables to fill, by name (each a destination, a dataset and its filters)
 * @param schedule        when the tables are filled
 * @param health          what the health indicator reports
 * @param shutdownGrace   on shutdown, how long the running export may take to finish its days in flight before
 *                        it is stopped (its jobs stay recorded for the next start)
 */
@ConfigurationProperties("cometly.export")
public record CometlyExportProperties(
        @DefaultValue("true") boolean enabled,
        String apiKey,
        @DefaultValue(CometlyHttpConfig.DEFAULT_BASE_URL_TEXT) URI baseUrl,
        ZoneId spaceZone,
        @DefaultValue("2h") Duration settle,
        @DefaultValue("30") int statusRate,
        @DefaultValue("5") int createRate,
        @DefaultValue("2h") Duration timeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("60s") Duration downloadTimeout,
        @DefaultValue(NO_LEDGER) String ledger,
        @DefaultValue("json") CometlyExportConfig.LineCheck verify,
        @DefaultValue("gzip") StoredFormat format,
        Map<String, Table> tables,
        @DefaultValue Schedule schedule,
        @DefaultValue Health health,
        @DefaultValue("30s") Duration shutdownGrace) {

    /** The {@link #ledger()} that means the application's own DataSource. */
    public static final String DATASOURCE_LEDGER = "datasource";
    /** The {@link #ledger()} that keeps no state. */
    public static final String NO_LEDGER = CometlyExportConfig.NO_LEDGER;

    /**
     * Copies the tables (none when unset).
     *
     * @param enabled         whether the starter wires anything
     * @param apiKey          the Space's API key
     * @param baseUrl         the API base URL
     * @param spaceZone       the Space's time zone, or null
     * @param settle          how long after a day ends before it counts as closed
     * @param statusRate      status requests per minute
     * @param createRate      job creates per minute
     * @param timeout         the longest wait for one job
     * @param maxAttempts     jobs created per day in all
     * @param downloadTimeout the longest silence in a download
     * @param ledger          datasource, a JDBC URL or none
     * @param verify          how each line is checked
     * @param format          how files are stored
     * @param tables          the tables by name
     * @param schedule        when the tables are filled
     * @param health          what the health indicator reports
     * @param shutdownGrace   how long a running export may take to finish on shutdown
     */
    public CometlyExportProperties {
        tables = tables == null ? Map.of() : Map.copyOf(tables);
    }

    /**
     * One table: where its files go and what it exports.
     *
     * @param destination        a folder or s3://bucket/prefix; unset: the application's own
     *                           StoreExportFilePort bean
     * @param dataset            events, contacts or companies
     * @param eventNames         only these events (events only)
     * @param sources            only events from these sources (events only)
     * @param fields             only these fields of each event (events only)
     * @param queryMode          Cometly's query mode (events only)
     * @param includeCometTokens each contact's last tracking tokens (contacts only)
     * @param includeAllEmails   every email of merged profiles (contacts only)
     */
    public record Table(String destination, @DefaultValue("events") String dataset, List<String> eventNames,
                        List<String> sources, List<String> fields, String queryMode, boolean includeCometTokens,
                        boolean includeAllEmails) {
    }

    /**
     * When the tables are filled: each run exports, for every table, the days from from to the last closed
     * day (stored days skipped), one run at a time in this process; the ledger keeps other processes off the days
     * this one works.
     *
     * @param cron        a Spring cron expression (six fields, seconds first); unset: no schedule (runs are
     *                    started by the application through CometlyExportRunner.runOnce())
     * @param zone        the zone the cron expression is read in; unset: the system's
     * @param refreshDays the last this many closed days are exported again even when stored (late events)
     * @param from        the first day of every run; unset: the last closed day, less the refreshed ones
     */
    public record Schedule(String cron, ZoneId zone, @DefaultValue("0") int refreshDays, LocalDate from) {
    }

    /**
     * What the health indicator reports.
     *
     * @param maxAge a table whose last success is older than this is down
     */
    public record Health(@DefaultValue("36h") Duration maxAge) {
    }

    /** @return the settings, the key shown only as whether it is set */
    @Override
    public String toString() {
        return "CometlyExportProperties[apiKey=" + (apiKey == null ? "unset" : "(set)") + ", baseUrl=" + baseUrl
                + ", spaceZone=" + spaceZone + ", ledger=" + (ledger.startsWith("jdbc:") ? "(a JDBC URL)" : ledger)
                + ", tables=" + tables.keySet() + ", schedule=" + schedule + "]";
    }
}
