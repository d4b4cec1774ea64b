package io.github.cometlyexport.cli;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driving.AuditReport;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An audit's report as the CLI prints it: a JSON object and a line per day, then the table's object, a summary and
 * what to run to repair: the {@code backfill} of the range that covers every missing, damaged or closed provisional
 * day (with the table's filters and format, so that it fills the same table), and the stray files to remove.
 */
final class AuditRendering {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");
    private final AuditReport report;
    private final String out;

    /**
     * @param report what the audit found
     * @param out    the destination as the user gave it (repeated in the repair command)
     */
    AuditRendering(AuditReport report, String out) {
        this.report = report;
        this.out = out;
    }

    static Object json(Dataset dataset, AuditReport.Day d) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("date", d.day().toString())
                .add("dataset", dataset.wireName()).add("state", d.state().wireName()).add("closed", d.closed());
        if (d.lines() == null) {
            o.addNull("lines");
        } else {
            o.add("lines", d.lines());
        }
        JsonArrayBuilder warnings = Json.createArrayBuilder();
        d.warnings().forEach(w -> warnings.add(w.wireName()));
        return o.add("problems", strings(d.problems())).add("strays", strings(d.strays())).add("warnings", warnings)
                .add("notes", strings(d.notes())).build();
    }

    static String human(AuditReport.Day d) {
        List<String> parts = new ArrayList<>(List.of(d.day().toString(), d.state().wireName()));
        if (d.lines() != null) {
            parts.add(d.lines() + (d.lines() == 1 ? " line" : " lines"));
        }
        parts.addAll(d.problems());
        d.strays().forEach(s -> parts.add("stray file " + s));
        for (int i = 0; i < d.warnings().size(); i++) {
            parts.add(d.warnings().get(i).wireName() + ": " + d.notes().get(i));
        }
        return String.join("  ", parts);
    }

    Object tableJson() {
        JsonObjectBuilder o = Json.createObjectBuilder().add("table", report.dataset().wireName())
                .add("location", report.location()).add("deep", report.deep()).add("clean", report.clean())
                .add("problems", strings(report.tableProblems()));
        repairCommand().ifPresentOrElse(c -> o.add("repair", c), () -> o.addNull("repair"));
        return o.add("strays", strings(strayPaths())).build();
    }

    /** @return the summary lines: counts, table problems, what to run */
    List<String> summary() {
        Map<AuditReport.State, Integer> counts = new EnumMap<>(AuditReport.State.class);
        Map<AuditReport.Warning, Integer> warned = new EnumMap<>(AuditReport.Warning.class);
        for (AuditReport.Day d : report.days()) {
            counts.merge(d.state(), 1, Integer::sum);
            d.warnings().forEach(w -> warned.merge(w, 1, Integer::sum));
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((state, n) -> parts.add(n + " " + state.wireName()));
        warned.forEach((w, n) -> parts.add(n + " " + w.wireName()));
        List<String> lines = new ArrayList<>();
        lines.add(report.dataset().wireName() + " at " + report.location() + (report.deep() ? " (deep)" : "") + ": "
                + String.join(", ", parts));
        report.tableProblems().forEach(p -> lines.add("table: " + p));
        if (report.clean()) {
            lines.add(report.warned() ? "every closed day is stored and undamaged; look at the warnings above"
                    : "every closed day is stored and undamaged");
            return lines;
        }
        repairCommand().ifPresent(c -> lines.add("to repair the missing and damaged days, run: " + c));
        List<String> strays = strayPaths();
        if (!strays.isEmpty()) {
            lines.add("remove the stray files (query engines read every visible file of a partition):");
            strays.forEach(s -> lines.add("  " + s));
        }
        return lines;
    }

    private java.util.Optional<String> repairCommand() {
        return report.repairRange().map(range -> backfill(range.get(0), range.get(1)));
    }

    private String backfill(LocalDate first, LocalDate last) {
        List<String> words = new ArrayList<>(List.of("cometly-export", "backfill"));
        if (report.dataset() != Dataset.EVENTS) {
            words.addAll(List.of("--dataset", report.dataset().wireName()));
        }
        words.addAll(List.of("--from", first.toString(), "--to", last.toString()));
        TableDefinition table = report.definition();
        if (table != null) {
            words.addAll(filterFlags(table.filters()));
            if (table.format() != StoredFormat.GZIP) {
                words.addAll(List.of("--format", table.format().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        words.addAll(List.of("--out", out));
        return String.join(" ", words.stream().map(AuditRendering::quoted).toList());
    }

    /** The CLI's flags for a table's filters (in the API's field names), so the repair fills the same table. */
    static List<String> filterFlags(Map<String, Object> filters) {
        List<String> flags = new ArrayList<>();
        new java.util.TreeMap<>(filters).forEach((key, value) -> {
            switch (key) {
                case "event_names" -> each(flags, "--event-name", value);
                case "sources" -> each(flags, "--source", value);
                case "fields" -> each(flags, "--field", value);
                case "attribution_model" -> flags.addAll(List.of("--attribution-model", value.toString()));
                case "attribution_window" -> flags.addAll(List.of("--attribution-window", value.toString()));
                case "query_mode" -> {
                    if (!"profile".equals(value)) {
                        flags.addAll(List.of("--query-mode", value.toString()));
                    }
                }
                case "include_comet_tokens" -> flags.add("--include-comet-tokens");
                case "include_all_emails" -> flags.add("--include-all-emails");
                default -> flags.addAll(List.of("--" + key.replace('_', '-'), value.toString()));
            }
        });
        return flags;
    }

    private static void each(List<String> flags, String flag, Object values) {
        for (Object v : (Collection<?>) values) {
            flags.addAll(List.of(flag, v.toString()));
        }
    }

    private List<String> strayPaths() {
        String base = report.location().endsWith("/") ? report.location() : report.location() + "/";
        return report.days().stream().flatMap(d -> d.strays().stream().map(s -> base + report.dataset().wireName()
                + "/date=" + d.day() + "/" + s)).toList();
    }

    private static String quoted(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }
}
