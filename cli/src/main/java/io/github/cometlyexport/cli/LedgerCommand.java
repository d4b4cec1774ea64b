package io.github.cometlyexport.cli;

import io.github.cometlyexport.adapter.jdbc.JdbcLedgerAdapter;
import io.github.cometlyexport.adapter.jdbc.LedgerDatabase;
import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.DayRecord;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ledger [--from D1 --to D2] [--dataset …] [--json]}: what the ledger knows, a row per day of every Space,
 * destination and table: state, export id, attempts, holder, stored file and SHA-256. Needs no API key and sends no
 * request.
 */
@Command(name = "ledger", description = "Shows what the ledger knows: a row per day with its state, export id, "
        + "attempts, holder, stored file and SHA-256.")
final class LedgerCommand implements Callable<Integer> {
    @ParentCommand
    CometlyExportCli cli;

    @Mixin
    LedgerOption ledger;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day shown (default: the first known).")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day shown (default: the last known).")
    String to;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Only this dataset's tables: events, contacts or "
            + "companies (default: all).")
    String dataset;

    @Option(names = "--json", description = "One JSON object per day on stdout.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No lines for people on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        OutputPrinter printer = new OutputPrinter(cli.out, cli.err, json, quiet);
        List<String> problems = new ArrayList<>();
        LocalDate first = from == null ? null : ApiCommand.parseDate(from, "--from", problems);
        LocalDate last = to == null ? null : ApiCommand.parseDate(to, "--to", problems);
        if (first != null && last != null && last.isBefore(first)) {
            problems.add("--to " + last + " is before --from " + first);
        }
        String datasetName = dataset == null ? null : DatasetOption.parse(dataset, problems).wireName();
        String url = cli.resolver().ledger(ledger, problems);
        if (problems.isEmpty() && url.equals(CometlyExportConfig.NO_LEDGER)) {
            problems.add("--ledger none keeps no state: there is nothing to show");
        }
        if (!problems.isEmpty()) {
            return printer.usage(problems);
        }
        CliLogging.secrets(LedgerSecrets.of(url, cli.env()));
        try (LedgerDatabase db = LedgerDatabase.open(url, cli.env(), cli.clock);
             JdbcLedgerAdapter reader = new JdbcLedgerAdapter(db, Duration.ofMinutes(2))) {
            List<DayRecord> records = reader.list(first, last, datasetName);
            printer.note("ledger " + db.describe() + ": " + records.size() + (records.size() == 1 ? " day" : " days"));
            for (DayRecord r : records) {
                printer.result(json(r));
                printer.note(human(r));
            }
        }
        return ExitCode.OK.code;
    }

    private static String human(DayRecord r) {
        return String.join("  ", r.key().day().toString(), r.key().dataset(), r.state().wireName(),
                r.exportId() == null ? "no job" : "export " + r.exportId(), "attempts " + r.attempts(),
                r.holder() == null ? "free" : "held by " + r.holder() + " until " + r.leaseExpiresAt(),
                r.location() == null ? "not stored" : r.location(), r.sha256() == null ? "" : r.sha256());
    }

    private static Object json(DayRecord r) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("date", r.key().day().toString())
                .add("dataset", r.key().dataset()).add("destination", r.key().destination())
                .add("filters", FiltersJson.parse(r.key().filters())).add("space", r.key().space())
                .add("state", r.state().wireName())
                .add("attempts", r.attempts()).add("updated_at", r.updatedAt().toString());
        if (r.exportId() != null) {
            o.add("export_id", r.exportId().value());
        } else {
            o.addNull("export_id");
        }
        nullable(o, "holder", r.holder());
        nullable(o, "lease_expires_at", r.leaseExpiresAt() == null ? null : r.leaseExpiresAt().toString());
        nullable(o, "location", r.location());
        nullable(o, "sha256", r.sha256());
        return o.build();
    }

    private static void nullable(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }
}
