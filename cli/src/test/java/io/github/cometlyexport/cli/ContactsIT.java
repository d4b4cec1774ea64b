package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.adapter.ndjson.ExportContact;
import io.github.cometlyexport.adapter.ndjson.ExportContactReader;
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
 * Contacts as a second dataset, end to end against the simulator: their own table beside the events table (local
 * disk and S3Proxy), the documented create body on the wire, their own options, and each dataset's filters refused
 * for the other before any request.
 */
class ContactsIT {
    private static final String BUCKET = "contacts";
    private static final Instant NOW = Instant.parse("2024-01-05T03:00:00Z");
    private final String key = "contacts_key_" + UUID.randomUUID().toString().replace("-", "");
    private CometlySimulator sim;
    private S3ProxyServer s3;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        CliEndToEndIT.KEYS_USED.add(key);
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "ct").defaultEvents(250)
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
                .env("COMETLY_CREATE_RATE", "600").env("COMETLY_SPACE_ZONE", "UTC")
                .clock(ExactlyOnceIT.startingAt(NOW)).run(args);
    }

    private static JsonObject json(String line) {
        return Json.createReader(new StringReader(line.strip())).readObject();
    }

    private List<JsonObject> creates(String dataset) {
        return sim.journal().entries().stream().filter(e -> e.method().equals("POST")
                && e.path().endsWith("/" + dataset + "/exports")).map(Journal.Entry::body).map(ContactsIT::json)
                .toList();
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void givenContactsAndEventsOfOneDay_whenExportedToOneFolder_thenTwoTablesAndTheDocumentedCreateBody()
            throws Exception {
        Path out = dir.resolve("lake");
        CliHarness.Run contacts = run("export", "--dataset", "contacts", "--date", "2024-01-03",
                "--include-comet-tokens", "--out", out.toString(), "--json");
        assertThat(contacts.code()).as(contacts.toString()).isZero();
        CliHarness.Run events = run("export", "--date", "2024-01-03", "--out", out.toString(), "--json");
        assertThat(events.code()).as(events.toString()).isZero();

        assertThat(files(out)).containsExactly("contacts/_table.json", "contacts/date=2024-01-03/_manifest.json",
                "contacts/date=2024-01-03/contacts-2024-01-03.ndjson.gz", "events/_table.json",
                "events/date=2024-01-03/_manifest.json", "events/date=2024-01-03/events-2024-01-03.ndjson.gz");
        JsonObject stored = json(contacts.out());
        assertThat(stored.getString("dataset")).isEqualTo("contacts");
        assertThat(stored.getInt("events")).as("lines").isEqualTo(250);
        assertThat(json(events.out()).getString("dataset")).isEqualTo("events");

        assertThat(creates("contacts")).singleElement().satisfies(body -> {
            assertThat(body.keySet()).containsExactlyInAnyOrder("start_date", "end_date", "include_comet_tokens");
            assertThat(body.getString("start_date")).isEqualTo("2024-01-03 00:00:00");
            assertThat(body.getString("end_date")).isEqualTo("2024-01-03 23:59:59");
            assertThat(body.getInt("include_comet_tokens")).isEqualTo(1);
        });
        assertThat(creates("events")).singleElement().satisfies(body -> assertThat(body.getString("date"))
                .isEqualTo("2024-01-03"));

        Path file = out.resolve("contacts/date=2024-01-03/contacts-2024-01-03.ndjson.gz");
        assertThat(Files.readAllBytes(file)).isEqualTo(sim.servedBytes(stored.getJsonNumber("export_id")
                .longValue()));
        try (Stream<ExportContact> read = ExportContactReader.contacts(Files.newInputStream(file))) {
            List<ExportContact> all = read.toList();
            assertThat(all).hasSize(250).allSatisfy(c -> {
                assertThat(c.createdAt()).isBetween(Instant.parse("2024-01-03T00:00:00Z"),
                        Instant.parse("2024-01-03T23:59:59Z"));
                assertThat(c.cometTokens()).isNotEmpty();
                assertThat(c.emails()).as("not asked for").isEmpty();
                assertThat(c.knownEmail()).isPresent();
            });
        }
        assertThat(Files.readString(out.resolve("contacts/_table.json"))).contains("include_comet_tokens");
    }

    @Test
    void givenThreeDayContactsBackfill_whenRunTwice_thenThreeDaysStoredOnceAndTheRerunSkipsThem() {
        Path out = dir.resolve("lake");
        CliHarness.Run first = run("backfill", "--dataset", "contacts", "--from", "2024-01-01", "--to",
                "2024-01-03", "--out", out.toString(), "--json");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out().lines().map(ContactsIT::json)).extracting(o -> o.getString("dataset") + " "
                + o.getString("date") + " " + o.getString("status")).containsExactly(
                "contacts 2024-01-01 completed", "contacts 2024-01-02 completed", "contacts 2024-01-03 completed");
        for (String d : List.of("2024-01-01", "2024-01-02", "2024-01-03")) {
            assertThat(out.resolve("contacts/date=" + d + "/contacts-" + d + ".ndjson.gz")).isRegularFile();
        }
        CliHarness.Run again = run("backfill", "--dataset", "contacts", "--from", "2024-01-01", "--to",
                "2024-01-03", "--out", out.toString(), "--json");
        assertThat(again.out().lines().map(ContactsIT::json)).allSatisfy(o -> assertThat(o.getString("status"))
                .isEqualTo("skipped"));
        assertThat(sim.journal().jobsCreated("contacts")).isEqualTo(3);
        assertThat(sim.journal().jobsCreated("events")).isZero();
        CliHarness.Run ledger = run("ledger", "--dataset", "contacts", "--json");
        assertThat(ledger.out().lines()).hasSize(3);
    }

    @Test
    void givenEachDatasetsOptionsOnTheOther_whenRun_thenExit2BeforeAnyRequest() {
        Path out = dir.resolve("lake");
        CliHarness.Run eventFilter = run("export", "--dataset", "contacts", "--date", "2024-01-03", "--event-name",
                "purchase", "--query-mode", "company", "--out", out.toString());
        assertThat(eventFilter.code()).isEqualTo(2);
        assertThat(eventFilter.err()).contains("event_names").contains("query_mode")
                .contains("not a filter of contact exports");
        CliHarness.Run contactOption = run("backfill", "--from", "2024-01-01", "--to", "2024-01-02",
                "--include-all-emails", "--out", out.toString());
        assertThat(contactOption.code()).isEqualTo(2);
        assertThat(contactOption.err()).contains("include_all_emails");
        CliHarness.Run unknown = run("export", "--dataset", "orders", "--date", "2024-01-03", "--out",
                out.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--dataset must be events, contacts or companies");
        assertThat(sim.journal().entries()).isEmpty();
    }

    @Test
    void givenAContactJobId_whenDownloadedWithItsDataset_thenStoredInTheContactsTable() {
        Path out = dir.resolve("lake");
        CliHarness.Run export = run("export", "--dataset", "contacts", "--date", "2024-01-02", "--out",
                out.resolve("a").toString(), "--json");
        long id = json(export.out()).getJsonNumber("export_id").longValue();
        assertThat(run("status", Long.toString(id)).code()).as("an event id of that number does not exist")
                .isEqualTo(6);
        CliHarness.Run download = run("download", Long.toString(id), "--dataset", "contacts", "--date",
                "2024-01-02", "--out", out.resolve("b").toString(), "--json");
        assertThat(download.code()).as(download.toString()).isZero();
        assertThat(out.resolve("b/contacts/date=2024-01-02/contacts-2024-01-02.ndjson.gz")).isRegularFile();
    }

    @Test
    void givenAnS3Destination_whenContactsBackfilledAndExportedBesideEvents_thenEachInItsTable() throws Exception {
        s3 = S3ProxyServer.inMemory();
        s3.createBucket(BUCKET);
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET);
        List<String> s3Args = List.of("--out", "s3://" + BUCKET + "/lake", "--s3-endpoint", s3.endpoint().toString(),
                "--s3-path-style", "--json");
        List<String> contacts = new ArrayList<>(List.of("backfill", "--dataset", "contacts", "--from", "2024-01-01",
                "--to", "2024-01-03"));
        contacts.addAll(s3Args);
        CliHarness.Run c = run(contacts.toArray(String[]::new));
        assertThat(c.code()).as(c.toString()).isZero();
        List<String> oneDay = new ArrayList<>(List.of("export", "--dataset", "contacts", "--date", "2024-01-04"));
        oneDay.addAll(s3Args);
        CliHarness.Run d = run(oneDay.toArray(String[]::new));
        assertThat(d.code()).as(d.toString()).isZero();
        List<String> events = new ArrayList<>(List.of("export", "--date", "2024-01-03"));
        events.addAll(s3Args);
        CliHarness.Run e = run(events.toArray(String[]::new));
        assertThat(e.code()).as(e.toString()).isZero();
        List<String> keys = s3.client().listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                .map(S3Object::key).sorted().toList();
        assertThat(keys).containsExactly("lake/contacts/_table.json",
                "lake/contacts/date=2024-01-01/_manifest.json",
                "lake/contacts/date=2024-01-01/contacts-2024-01-01.ndjson.gz",
                "lake/contacts/date=2024-01-02/_manifest.json",
                "lake/contacts/date=2024-01-02/contacts-2024-01-02.ndjson.gz",
                "lake/contacts/date=2024-01-03/_manifest.json",
                "lake/contacts/date=2024-01-03/contacts-2024-01-03.ndjson.gz",
                "lake/contacts/date=2024-01-04/_manifest.json",
                "lake/contacts/date=2024-01-04/contacts-2024-01-04.ndjson.gz",
                "lake/events/_table.json", "lake/events/date=2024-01-03/_manifest.json",
                "lake/events/date=2024-01-03/events-2024-01-03.ndjson.gz");
        byte[] stored = s3.client().getObjectAsBytes(b -> b.bucket(BUCKET)
                .key("lake/contacts/date=2024-01-02/contacts-2024-01-02.ndjson.gz")).asByteArray();
        try (Stream<ExportContact> read = ExportContactReader.contacts(new ByteArrayInputStream(stored))) {
            assertThat(read.count()).isEqualTo(250);
        }
    }
}
