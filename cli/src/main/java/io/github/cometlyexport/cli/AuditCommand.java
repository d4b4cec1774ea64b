package io.github.cometlyexport.cli;

import io.github.cometlyexport.adapter.storage.s3.S3Location;
import io.github.cometlyexport.app.TableAudit;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.VolumeRule;
import io.github.cometlyexport.port.driving.AuditReport;
import io.github.cometlyexport.port.driving.AuditTableCommand;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code audit --from D1 [--to D2] --out <dest> [--dataset …] [--deep] [--json]}: is the table complete, unchanged
 * and plausible? A renderer of the core's audit use case ({@link TableAudit}): one row per day, the table's own
 * problems, and what to run to repair them. Needs no API key and sends no request to Cometly. Exit 0 when every
 * closed day is stored and undamaged, 9 when not (with {@code --fail-on-warnings}, also for warnings).
 */
@Command(name = "audit", description = "Checks a table: one row per day (stored, provisional, missing, open, "
        + "damaged; warnings low_volume and, with --deep, schema_drift), then what to run to repair it. Reads the "
        + "store only. Exit 9 when a closed day is missing or damaged.")
final class AuditCommand implements Callable<Integer> {
    private static final int MAX_DAYS = 3660;

    @ParentCommand
    CometlyExportCli cli;

    @Mixin
    DayOptions days;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day.")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day, inclusive (default: the day it is "
            + "now in the Space's zone).")
    String to;

    @Option(names = "--out", required = true, paramLabel = "DEST", description = "The destination: a local folder, "
            + "or s3://bucket/prefix.")
    String out;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "An S3-compatible endpoint (MinIO, Ceph…).")
    String s3Endpoint;

    @Option(names = "--s3-path-style", description = "Address buckets by path (S3-compatible stores).")
    boolean s3PathStyle;

    @Option(names = "--dataset", paramLabel = "NAME", description = "The dataset whose table is audited "
            + "(default: events).")
    String dataset;

    @Option(names = "--deep", description = "Also read every data file through (in parallel, streaming): SHA-256, "
            + "line count and keys against the manifest, and schema_drift warnings. Without it only listings and "
            + "manifests are read.")
    boolean deep;

    @Option(names = "--fail-on-warnings", description = "Exit 9 for warnings too.")
    boolean failOnWarnings;

    @Option(names = "--low-volume-ratio", defaultValue = "0.25", paramLabel = "R", description = "A stored day with "
            + "fewer lines than R times the median of the previous stored days is low_volume (default "
            + "${DEFAULT-VALUE}; 0 turns it off, except for 0 lines after non-empty days).")
    double lowVolumeRatio;

    @Option(names = "--low-volume-days", defaultValue = "7", paramLabel = "N", description = "How many previous "
            + "stored days the median is taken over (default ${DEFAULT-VALUE}).")
    int lowVolumeDays;

    @Option(names = "--metrics-file", paramLabel = "PATH", description = "At exit, the audit's day counts by state "
            + "(cometly_export_audit_days) in Prometheus text format, written atomically (COMETLY_METRICS_FILE).")
    String metricsFile;

    @Option(names = "--json", description = "One JSON object per day on stdout, then one for the table.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No lines for people on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        OutputPrinter printer = new OutputPrinter(cli.out, cli.err, json, quiet);
        RunMetrics metrics = new RunMetrics(cli.resolver().metricsFile(metricsFile), cli.clock);
        boolean ok = false;
        try {
            List<String> problems = new ArrayList<>();
            AuditTableCommand command = command(problems);
            URI endpoint = s3Endpoint == null ? null : endpoint(problems);
            if (!problems.isEmpty()) {
                return printer.usage(problems);
            }
            AuditReport report;
            try (TableAudit audit = TableAudit.of(out, endpoint, s3PathStyle, cli.clock)) {
                report = audit.audit().audit(command);
            }
            AuditRendering rendering = new AuditRendering(report, out);
            report.days().forEach(d -> {
                printer.result(AuditRendering.json(report.dataset(), d));
                printer.note(AuditRendering.human(d));
            });
            printer.result(rendering.tableJson());
            rendering.summary().forEach(printer::note);
            metrics.auditDays(report);
            boolean failed = !report.clean() || failOnWarnings && report.warned();
            ok = !failed;
            return failed ? ExitCode.AUDIT.code : ExitCode.OK.code;
        } finally {
            metrics.ended("audit", ok, printer);
        }
    }

    private AuditTableCommand command(List<String> problems) {
        LocalDate first = ApiCommand.parseDate(from, "--from", problems);
        LocalDate last = to == null ? null : ApiCommand.parseDate(to, "--to", problems);
        if (first != null && last != null && last.isBefore(first)) {
            problems.add("--to " + last + " is before --from " + first);
        } else if (first != null && last != null && first.plusDays(MAX_DAYS).isBefore(last)) {
            problems.add("the range holds more than " + MAX_DAYS + " days");
        }
        Dataset set = dataset == null ? Dataset.EVENTS : DatasetOption.parse(dataset, problems);
        DayClosure closure = cli.resolver().closure(days, problems);
        if (!(lowVolumeRatio >= 0 && lowVolumeRatio <= 1)) {
            problems.add("--low-volume-ratio must be from 0 to 1, was " + lowVolumeRatio);
        }
        if (lowVolumeDays < 1) {
            problems.add("--low-volume-days must be at least 1, was " + lowVolumeDays);
        }
        if (out.isBlank()) {
            problems.add("--out must not be empty");
        } else if (out.startsWith("s3://")) {
            try {
                S3Location.parse(out);
            } catch (IllegalArgumentException e) {
                problems.add("--out must look like s3://bucket/prefix");
            }
        }
        return problems.isEmpty() ? new AuditTableCommand(set, first, last, deep, closure,
                new VolumeRule(lowVolumeRatio, lowVolumeDays)) : null;
    }

    private URI endpoint(List<String> problems) {
        try {
            URI uri = new URI(s3Endpoint);
            if (uri.isAbsolute() && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add("--s3-endpoint is not an absolute URL");
        return null;
    }
}
