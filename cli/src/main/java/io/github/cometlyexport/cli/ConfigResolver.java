package io.github.cometlyexport.cli;

import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.internal.Redaction;
import io.github.cometlyexport.domain.StoredFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Turns a command's options into a {@link CometlyExportConfig}: each setting from its flag, else the environment,
 * else the config file ({@link Settings}), else the default; every problem is added to the list, so that all are
 * reported at once. Never puts a key into a problem's text.
 */
final class ConfigResolver {
    private final Settings settings;

    ConfigResolver(Settings settings) {
        this.settings = settings;
    }

    /**
     * A command's options; each of the last five is {@code null} for a command that does not offer it (then its
     * setting is not read from the environment or the file either, and the default applies).
     *
     * @param api        the API options
     * @param timeout    {@code --timeout}, or {@code null} for commands that wait for nothing
     * @param createRate {@code --create-rate}, or {@code null} for commands that create no job
     * @param dest       where files go, or {@code null} for commands that store nothing
     * @param days       when days close, or {@code null} for commands that export no day
     * @param ledger     where the ledger is, or {@code null} for commands that keep no state
     */
    record Options(ApiOptions api, TimeoutOption timeout, CreateRateOption createRate, DestinationOptions dest,
                   DayOptions days, LedgerOption ledger) {
    }

    /**
     * @param options  the command's options
     * @param problems collects what is wrong
     * @return the configuration, or {@code null} when there were problems
     */
    CometlyExportConfig resolve(Options options, List<String> problems) {
        ApiOptions api = options.api();
        DestinationOptions dest = options.dest();
        DayOptions days = options.days();
        String ledgerUrl = ledger(options.ledger(), problems);
        ApiKey apiKey = apiKey(settings.resolve(api.apiKey, "COMETLY_API_KEY", "api-key"), problems);
        CometlyExportConfig.LineCheck check = lineCheck(dest, problems);
        URI endpoint = dest == null || dest.s3Endpoint == null ? null : url(dest.s3Endpoint, "--s3-endpoint",
                problems);
        String base = settings.resolve(api.baseUrl, "COMETLY_BASE_URL", "base-url");
        String status = settings.resolve(api.statusRate, "COMETLY_STATUS_RATE", "status-rate");
        String create = options.createRate() == null ? null
                : settings.resolve(options.createRate().createRate, "COMETLY_CREATE_RATE", "create-rate");
        String timeout = options.timeout() == null ? null
                : settings.resolve(options.timeout().timeout, "COMETLY_TIMEOUT", "timeout");
        int statusRate = status == null ? CometlyExportConfig.DEFAULT_STATUS_RATE
                : parse(() -> Settings.positiveInt(status, "the status rate"), problems,
                        CometlyExportConfig.DEFAULT_STATUS_RATE);
        int createRate = create == null ? CometlyExportConfig.DEFAULT_CREATE_RATE
                : parse(() -> Settings.positiveInt(create, "the create rate"), problems,
                        CometlyExportConfig.DEFAULT_CREATE_RATE);
        Duration wait = timeout == null ? CometlyExportConfig.DEFAULT_TIMEOUT
                : parse(() -> Settings.duration(timeout, "--timeout"), problems, CometlyExportConfig.DEFAULT_TIMEOUT);
        DayClosure closure = closure(days, problems);
        if (dest != null && dest.format != null && StoredFormat.fromName(dest.format).isEmpty()) {
            problems.add("--format must be gzip, ndjson or parquet");
        }
        URI baseUrl = base == null ? null : url(base, "the base URL", problems);
        if (apiKey == null || !problems.isEmpty()) {
            return null;
        }
        CometlyExportConfig.Builder config = CometlyExportConfig.builder(apiKey).rates(statusRate, createRate)
                .timeout(wait).s3(endpoint, dest != null && dest.s3PathStyle).lineCheck(check).closure(closure)
                .ledger(ledgerUrl);
        if (baseUrl != null) {
            config.baseUrl(baseUrl);
        }
        return parse(config::build, problems, null);
    }

    /**
     * @param api the API options
     * @return where the metrics go at exit, or {@code null} for nowhere
     */
    java.nio.file.Path metricsFile(ApiOptions api) {
        return metricsFile(api.metricsFile);
    }

    /**
     * @param flag {@code --metrics-file}, or {@code null}
     * @return where the metrics go at exit, or {@code null} for nowhere
     */
    java.nio.file.Path metricsFile(String flag) {
        String file = settings.resolve(flag, "COMETLY_METRICS_FILE", "metrics-file");
        return file == null ? null : java.nio.file.Path.of(file);
    }

    /**
     * @param option   the {@code --ledger} option, or {@code null} for commands that keep no state
     * @param problems collects what is wrong
     * @return the ledger's JDBC URL, or {@link CometlyExportConfig#NO_LEDGER}
     */
    String ledger(LedgerOption option, List<String> problems) {
        if (option == null) {
            return CometlyExportConfig.NO_LEDGER;
        }
        String url = settings.resolve(option.url, "COMETLY_LEDGER", "ledger");
        if (url == null) {
            return "jdbc:sqlite:" + settings.stateFolder().resolve("ledger.db");
        }
        if (url.equals(CometlyExportConfig.NO_LEDGER) || url.startsWith("jdbc:sqlite:") && url.length() > 12
                || url.startsWith("jdbc:postgresql://")) {
            return url;
        }
        // The value is not echoed: a mistyped URL may carry a password.
        problems.add("--ledger must be jdbc:sqlite:FILE, jdbc:postgresql://HOST/DB or none");
        return CometlyExportConfig.NO_LEDGER;
    }

    /**
     * @param days     {@code --space-zone} and {@code --settle}, or {@code null} for the defaults
     * @param problems collects what is wrong
     * @return when days close
     */
    DayClosure closure(DayOptions days, List<String> problems) {
        DayClosure defaults = DayClosure.defaults();
        if (days == null) {
            return defaults;
        }
        String zone = settings.resolve(days.spaceZone, "COMETLY_SPACE_ZONE", "space-zone");
        String settle = settings.resolve(days.settle, "COMETLY_SETTLE", "settle");
        ZoneId zoneId = defaults.zone();
        if (zone != null) {
            try {
                zoneId = ZoneId.of(zone);
            } catch (DateTimeException e) {
                problems.add("the Space's zone " + Redaction.echo(zone) + " is not a time zone (an IANA id such as "
                        + "America/Los_Angeles, or an offset such as -08:00)");
            }
        }
        Duration settleTime = settle == null ? defaults.settle()
                : parse(() -> Settings.duration(settle, "--settle"), problems, defaults.settle());
        return new DayClosure(zoneId, settleTime);
    }

    private ApiKey apiKey(String key, List<String> problems) {
        if (key == null) {
            problems.add("no API key: set COMETLY_API_KEY (or --api-key, or api-key in " + settings.file() + ")");
            return null;
        }
        try {
            return new ApiKey(key);
        } catch (IllegalArgumentException e) {
            problems.add("the API key is malformed: " + e.getMessage());
            return null;
        }
    }

    private static CometlyExportConfig.LineCheck lineCheck(DestinationOptions dest, List<String> problems) {
        if (dest == null || dest.verify == null || dest.verify.equals("json")) {
            return CometlyExportConfig.LineCheck.JSON;
        }
        if (dest.verify.equals("shape")) {
            return CometlyExportConfig.LineCheck.SHAPE;
        }
        problems.add("--verify must be json or shape");
        return CometlyExportConfig.LineCheck.JSON;
    }

    private static URI url(String text, String what, List<String> problems) {
        try {
            URI uri = new URI(text);
            if (uri.isAbsolute() && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(what + " is not an absolute URL");
        return null;
    }

    private static <T> T parse(java.util.function.Supplier<T> parser, List<String> problems, T fallback) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }
}
