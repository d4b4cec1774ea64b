package io.github.cometlyexport.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Company exports at {@code /companies/exports}: the simulator's own rules on the create body (422 with a message and
 * field-keyed errors), company jobs as resources of their own, and realistic company lines in the file.
 */
class CompanyExportsIT {
    private static final String KEY = SimulatorConfig.DEMO_KEY;
    private static final String DAY = "{\"start_date\":\"2024-01-15 00:00:00\",\"end_date\":\"2024-01-15 23:59:59\"}";

    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    private CometlySimulator sim;

    @BeforeEach
    void start() {
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().defaultEvents(120)
                .key("other_space_key", "other").clock(clock).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private URI companies(String tail) {
        return URI.create(sim.baseUrl() + "/companies/exports" + tail);
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void givenBadCompanyBodies_whenCreated_then422WithAMessageAndEveryFieldAndNoJob() {
        HttpResponse<String> r = Http.post(companies(""), KEY, "{\"start_date\":\"2024-01-15\",\"end_date\":"
                + "\"2024-01-14 23:59:59\",\"date\":\"2024-01-15\",\"include_all_emails\":1}");
        assertThat(r.statusCode()).isEqualTo(422);
        JsonObject body = json(r.body());
        assertThat(body.getString("message")).isEqualTo("The given data was invalid.");
        assertThat(body.getJsonObject("errors").keySet()).containsExactlyInAnyOrder("start_date", "date",
                "include_all_emails");
        assertThat(body.getJsonObject("errors").getJsonArray("date").getString(0))
                .isEqualTo("The date field is not allowed for company exports.");
        HttpResponse<String> backwards = Http.post(companies(""), KEY, "{\"start_date\":\"2024-01-15 10:00:00\","
                + "\"end_date\":\"2024-01-15 09:59:59\"}");
        assertThat(backwards.statusCode()).isEqualTo(422);
        assertThat(json(backwards.body()).getJsonObject("errors").keySet()).containsExactly("end_date");
        HttpResponse<String> eventBody = Http.post(companies(""), KEY, "{\"date\":\"2024-01-15\"}");
        assertThat(json(eventBody.body()).getJsonObject("errors").keySet()).containsExactlyInAnyOrder("start_date",
                "end_date", "date");
        assertThat(Http.post(companies(""), KEY, "[1]").statusCode()).isEqualTo(422);
        assertThat(sim.jobCount()).isZero();
    }

    @Test
    void givenACompanyJob_whenPolledAndDownloaded_thenItsOwnResourceWithRealisticCompanyLines() throws IOException {
        HttpResponse<String> created = Http.post(companies(""), KEY, DAY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertThat(json(created.body()).getString("status")).isEqualTo("queued");
        String id = Http.field(created.body(), "export_id");
        assertThat(Http.get(URI.create(sim.baseUrl() + "/events/exports/" + id), KEY).statusCode())
                .as("an event path does not find a company job").isEqualTo(404);
        assertThat(Http.get(URI.create(sim.baseUrl() + "/contacts/exports/" + id), KEY).statusCode()).isEqualTo(404);
        assertThat(Http.get(companies("/" + id), "other_space_key").statusCode()).isEqualTo(404);

        String status = null;
        for (int i = 0; i < 500 && !"completed".equals(Http.field(status == null ? "" : status, "status")); i++) {
            clock.advance(Duration.ofSeconds(1));
            status = Http.get(companies("/" + id), KEY).body();
        }
        JsonObject done = json(status);
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.keySet()).contains("download_url", "completed_at", "expires_at", "created_at");

        byte[] gz = Http.download(URI.create(done.getString("download_url"))).body();
        List<JsonObject> lines;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(CompanyExportsIT::json)
                    .toList();
        }
        assertThat(lines).hasSize(120).allSatisfy(line -> {
            assertThat(line.keySet()).contains("id", "domain", "created_at", "name", "industry", "employee_count");
            assertThat(line.getString("domain")).matches("[a-z]+[0-9]+\\.(com|io)");
            assertThat(Instant.parse(line.getString("created_at"))).isBetween(Instant.parse("2024-01-15T00:00:00Z"),
                    Instant.parse("2024-01-15T23:59:59Z"));
        });
        assertThat(lines).extracting(l -> l.get("id").getValueType()).contains(JsonValue.ValueType.NUMBER,
                JsonValue.ValueType.STRING);
        assertThat(sim.journal().jobsCreated("companies")).isOne();
        assertThat(sim.journal().jobsCreated("events")).isZero();
    }
}
