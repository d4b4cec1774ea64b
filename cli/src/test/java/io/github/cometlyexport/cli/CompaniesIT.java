package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.adapter.ndjson.ExportCompany;
import io.github.cometlyexport.adapter.ndjson.ExportCompanyReader;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.Journal;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.S3ProxyServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Companies as the third dataset, end to end against the simulator: their own table beside the events and contacts
 * tables (local disk and S3Proxy), the documented create body on the wire (the day's range and nothing else), the
 * other datasets' options refused before any request, and closed days, the ledger, refresh and metrics as for the
 * others.
 */
class CompaniesIT {
    private static final String BUCKET = "companies";
    /** 2024-01-04 in UTC with the default 2 h settle closed at 2024-01-05T02:00Z; 2024-01-05 is open. */
    private static final Instant NOW = Instant.parse("2024-01-05T03:00:00Z");
    private final String key = "companies_key_" + UUID.randomUUID().toString().replace("-", "");
    /** One clock for every run of a test: time moves on between runs, never back. */
    private final ForwardClock clock = new ForwardClock(NOW);
    private CometlySimulator sim;
    private S3ProxyServer s3;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        CliEndToEndIT.KEYS_USED.add(key);
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "co").defaultEvents(150)
                .rateLimits(600, 600).scriptCycle(List.of(JobScript.builder()
                        .timeline(Duration.ofMillis(30), Duration.ofMillis(60)).build())).build());
    }

    @AfterEach
    void stop() {
        sim.close();
        if (s3 != null) {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            s3.close();
        }
    }

    @AfterAll
    static void nothingSecretWasPrinted() {
        Secrets.assertNonePrinted();
    }

    private CliHarness.Run run(String... args) {
        return new CliHarness(dir.resolve("home")).env("COMETLY_API_KEY", key)
                .env("COMETLY_BASE_URL", sim.baseUrl().toString()).env("COMETLY_STATUS_RATE", "600")
                .env("COMETLY_CREATE_RATE", "600").env("COMETLY_SPACE_ZONE", "UTC").clock(clock).run(args);
    }

    private static JsonObject json(String line) {
        return Json.createReader(new StringReader(line.strip())).readObject();
    }

    private List<JsonObject> creates(String dataset) {
        return sim.journal().entries().stream().filter(e -> e.method().equals("POST")
                && e.path().endsWith("/" + dataset + "/exports")).map(Journal.Entry::body).map(CompaniesIT::json)
                .toList();
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void givenCompaniesContactsAndEventsOfOneDay_whenExportedToOneFolder_thenThreeTablesAndOnlyTheRangeOnTheWire()
            throws Exception {
        Path out = dir.resolve("lake");
        Path metrics = dir.resolve("metrics/cometly.prom");
        Files.createDirectories(metrics.getParent());
        CliHarness.Run companies = run("export", "--dataset", "companies", "--date", "2024-01-03", "--out",
                out.toString(), "--json", "--metrics-file", metrics.toString());
        assertThat(companies.code()).as(companies.toString()).isZero();
        CliHarness.Run contacts = run("export", "--dataset", "contacts", "--date", "2024-01-03", "--out",
                out.toString(), "--json");
        assertThat(contacts.code()).as(contacts.toString()).isZero();
        CliHarness.Run events = run("export", "--date", "2024-01-03", "--out", out.toString(), "--json");
        assertThat(events.code()).as(events.toString()).isZero();

        assertThat(files(out)).containsExactly("companies/_table.json", "companies/date=2024-01-03/_manifest.json",
                "companies/date=2024-01-03/companies-2024-01-03.ndjson.gz", "contacts/_table.json",
                "contacts/date=2024-01-03/_manifest.json", "contacts/date=2024-01-03/contacts-2024-01-03.ndjson.gz",
                "events/_table.json", "events/date=2024-01-03/_manifest.json",
                "events/date=2024-01-03/events-2024-01-03.ndjson.gz");
        JsonObject stored = json(companies.out());
        assertThat(stored.getString("dataset")).isEqualTo("companies");
        assertThat(stored.getInt("events")).as("lines").isEqualTo(150);
        assertThat(creates("companies")).singleElement().satisfies(body -> {
            assertThat(body.keySet()).containsExactly("start_date", "end_date");
            assertThat(body.getString("start_date")).isEqualTo("2024-01-03 00:00:00");
            assertThat(body.getString("end_date")).isEqualTo("2024-01-03 23:59:59");
        });
        assertThat(creates("contacts")).hasSize(1);
        assertThat(creates("events")).hasSize(1);

        Path file = out.resolve("companies/date=2024-01-03/companies-2024-01-03.ndjson.gz");
        assertThat(Files.readAllBytes(file)).isEqualTo(sim.servedBytes(stored.getJsonNumber("export_id")
                .longValue()));
        try (Stream<ExportCompany> read = ExportCompanyReader.companies(Files.newInputStream(file))) {
            List<ExportCompany> all = read.toList();
            assertThat(all).hasSize(150).allSatisfy(c -> {
                assertThat(c.createdAt()).isBetween(Instant.parse("2024-01-03T00:00:00Z"),
                        Instant.parse("2024-01-03T23:59:59Z"));
                assertThat(c.knownDomain()).isPresent();
                assertThat(c.attributes()).containsKey("industry");
            });
        }
        assertThat(json(Files.readString(out.resolve("companies/date=2024-01-03/_manifest.json")))
                .getString("dataset")).isEqualTo("companies");
        var families = MetricsFileIT.parse(metrics);
        assertThat(MetricsFileIT.sum(families, "cometly_export_day_results_total", l -> "companies".equals(
                l.get("dataset")) && "stored".equals(l.get("result")))).isEqualTo(1.0);
        assertThat(MetricsFileIT.sum(families, "cometly_export_last_success_timestamp_seconds",
                l -> "companies".equals(l.get("dataset")))).isPositive();
        assertThat(MetricsFileIT.sum(families, "cometly_export_requests_total", l -> l.get("endpoint")
                .equals("POST /companies/exports") && l.get("status").equals("202"))).isEqualTo(1.0);
    }

    @Test
    void givenACompaniesBackfill_whenRerunWithARefreshAndAnOpenDayAsked_thenStoredOnceRefreshedAndTheOpenDayRefused() {
        Path out = dir.resolve("lake");
        CliHarness.Run first = run("backfill", "--dataset", "companies", "--from", "2024-01-02", "--out",
                out.toString(), "--json");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out().lines().map(CompaniesIT::json)).extracting(o -> o.getString("dataset") + " "
                + o.getString("date") + " " + o.getString("status")).containsExactly(
                "companies 2024-01-02 completed", "companies 2024-01-03 completed", "companies 2024-01-04 completed");
        CliHarness.Run again = run("backfill", "--dataset", "companies", "--from", "2024-01-02", "--to",
                "2024-01-04", "--refresh-days", "1", "--out", out.toString(), "--json");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out().lines().map(CompaniesIT::json)).extracting(o -> o.getString("date") + " "
                + o.getString("status")).containsExactly("2024-01-02 skipped", "2024-01-03 skipped",
                "2024-01-04 completed");
        long before = sim.journal().entries().size();
        CliHarness.Run open = run("export", "--dataset", "companies", "--date", "2024-01-05", "--out",
                out.toString());
        assertThat(open.code()).isEqualTo(2);
        assertThat(open.err()).contains("2024-01-05 is not over");
        assertThat(sim.journal().entries()).as("no request for an open day").hasSize((int) before);
        assertThat(sim.journal().jobsCreated("companies")).isEqualTo(4);
        assertThat(sim.journal().jobsCreated("events") + sim.journal().jobsCreated("contacts")).isZero();
        CliHarness.Run ledger = run("ledger", "--dataset", "companies", "--json");
        assertThat(ledger.out().lines().map(CompaniesIT::json)).extracting(o -> o.getString("date"))
                .containsExactly("2024-01-02", "2024-01-03", "2024-01-04");
    }

    @Test
    void givenEventFiltersOrContactOptionsForCompanies_whenRun_thenExit2NamingEachBeforeAnyRequest() {
        Path out = dir.resolve("lake");
        CliHarness.Run all = run("export", "--dataset", "companies", "--date", "2024-01-03", "--event-name",
                "purchase", "--source", "email", "--attribution-model", "linear", "--attribution-window", "7",
                "--field", "amount", "--query-mode", "company", "--include-comet-tokens", "--include-all-emails",
                "--out", out.toString());
        assertThat(all.code()).isEqualTo(2);
        assertThat(all.err()).contains("event_names", "sources", "attribution_model", "attribution_window", "fields",
                "query_mode", "include_comet_tokens", "include_all_emails", "not a filter of company exports",
                "not of companies");
        CliHarness.Run contactOption = run("backfill", "--dataset", "companies", "--from", "2024-01-01", "--to",
                "2024-01-02", "--include-comet-tokens", "--out", out.toString());
        assertThat(contactOption.code()).isEqualTo(2);
        assertThat(contactOption.err()).contains("include_comet_tokens");
        assertThat(sim.journal().entries()).isEmpty();
        assertThat(Files.exists(out.resolve("companies"))).isFalse();
    }

    @Test
    void givenACompanyJobId_whenDownloadedWithItsDataset_thenStoredInTheCompaniesTable() {
        Path out = dir.resolve("lake");
        CliHarness.Run export = run("export", "--dataset", "companies", "--date", "2024-01-02", "--out",
                out.resolve("a").toString(), "--json");
        assertThat(export.code()).as(export.toString()).isZero();
        long id = json(export.out()).getJsonNumber("export_id").longValue();
        assertThat(run("status", Long.toString(id), "--dataset", "contacts").code())
                .as("a contact id of that number does not exist").isEqualTo(6);
        CliHarness.Run download = run("download", Long.toString(id), "--dataset", "companies", "--date",
                "2024-01-02", "--out", out.resolve("b").toString(), "--json");
        assertThat(download.code()).as(download.toString()).isZero();
        assertThat(out.resolve("b/companies/date=2024-01-02/companies-2024-01-02.ndjson.gz")).isRegularFile();
    }

    @Test
    void givenAnS3Destination_whenCompaniesRefusedThenBackfilledBesideContactsAndEvents_thenNothingThenEachInItsTable()
            throws Exception {
        s3 = S3ProxyServer.inMemory();
        s3.createBucket(BUCKET);
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET);
        List<String> s3Args = List.of("--out", "s3://" + BUCKET + "/lake", "--s3-endpoint", s3.endpoint().toString(),
                "--s3-path-style", "--json");
        List<String> refused = new ArrayList<>(List.of("export", "--dataset", "companies", "--date", "2024-01-02",
                "--field", "amount", "--include-all-emails"));
        refused.addAll(s3Args);
        CliHarness.Run no = run(refused.toArray(String[]::new));
        assertThat(no.code()).isEqualTo(2);
        assertThat(no.err()).contains("fields", "include_all_emails");
        assertThat(sim.journal().entries()).isEmpty();
        assertThat(s3.client().listObjectsV2(b -> b.bucket(BUCKET)).contents()).isEmpty();
        for (List<String> command : List.of(
                List.of("backfill", "--dataset", "companies", "--from", "2024-01-01", "--to", "2024-01-02"),
                List.of("export", "--dataset", "contacts", "--date", "2024-01-02"),
                List.of("export", "--date", "2024-01-02"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(s3Args);
            CliHarness.Run r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(r.toString()).isZero();
        }
        List<String> keys = s3.client().listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                .map(S3Object::key).sorted().toList();
        assertThat(keys).containsExactly("lake/companies/_table.json",
                "lake/companies/date=2024-01-01/_manifest.json",
                "lake/companies/date=2024-01-01/companies-2024-01-01.ndjson.gz",
                "lake/companies/date=2024-01-02/_manifest.json",
                "lake/companies/date=2024-01-02/companies-2024-01-02.ndjson.gz",
                "lake/contacts/_table.json", "lake/contacts/date=2024-01-02/_manifest.json",
                "lake/contacts/date=2024-01-02/contacts-2024-01-02.ndjson.gz",
                "lake/events/_table.json", "lake/events/date=2024-01-02/_manifest.json",
                "lake/events/date=2024-01-02/events-2024-01-02.ndjson.gz");
        byte[] stored = s3.client().getObjectAsBytes(b -> b.bucket(BUCKET)
                .key("lake/companies/date=2024-01-02/companies-2024-01-02.ndjson.gz")).asByteArray();
        try (Stream<ExportCompany> read = ExportCompanyReader.companies(new ByteArrayInputStream(stored))) {
            assertThat(read.map(ExportCompany::id)).hasSize(150).contains("1", "cmp_5");
        }
        assertThat(creates("companies")).hasSize(2).allSatisfy(body -> assertThat(body.keySet())
                .containsExactly("start_date", "end_date"));
    }
}
