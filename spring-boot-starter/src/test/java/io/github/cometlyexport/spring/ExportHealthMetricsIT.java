package io.github.cometlyexport.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.spring.demo.DemoApplication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo host on a random port with Actuator, the simulator as Cometly, a temporary folder as the table and an
 * SQLite file (its {@code DataSource}) as the ledger: a triggered run stores the day; {@code /actuator/health} shows
 * the table up, then down once the simulator refuses the key; {@code /actuator/prometheus} shows the day's result.
 */
@SpringBootTest(classes = {DemoApplication.class, ExportHealthMetricsIT.Time.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health,prometheus",
            "management.endpoint.health.show-details=always", "cometly.export.space-zone=UTC",
            "cometly.export.ledger=datasource"})
class ExportHealthMetricsIT {
    private static final TestTime TIME = new TestTime();
    private static final Path DIR = tempDir();

    @LocalServerPort
    int port;

    @Autowired
    CometlyExportRunner runner;

    @TestConfiguration
    static class Time {
        @Bean
        CometlyExportTime testTime() {
            return new CometlyExportTime(TIME.clock, TIME.sleeper);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("cometly.export.api-key", () -> TestTime.KEY);
        r.add("cometly.export.base-url", () -> TIME.sim.baseUrl().toString());
        r.add("cometly.export.tables.events.destination", () -> DIR.resolve("exports").toString());
        r.add("spring.datasource.url", () -> "jdbc:sqlite:" + DIR.resolve("ledger.db"));
    }

    @AfterAll
    static void stop() {
        TIME.close();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("cometly-spring-it-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject exportHealth() throws Exception {
        String body = get("/actuator/health").body();
        assertThat(body).doesNotContain(TestTime.KEY);
        return Json.createReader(new StringReader(body)).readObject().getJsonObject("components")
                .getJsonObject("cometlyExport");
    }

    @Test
    void givenTheDemoHost_whenARunStoresTheDayAndLaterTheKeyIsRefused_thenHealthGoesFromUpToDownAndMetersCount()
            throws Exception {
        Map<String, List<DayResult>> first = runner.runOnce().orElseThrow();

        assertThat(first.get("events")).singleElement().isInstanceOf(DayResult.Stored.class);
        assertThat(DIR.resolve("exports/events/date=2024-01-15/events-2024-01-15.ndjson.gz")).isRegularFile();
        assertThat(TIME.createsFor(TestTime.JAN_15)).isEqualTo(1);
        JsonObject up = exportHealth();
        assertThat(up.getString("status")).isEqualTo("UP");
        JsonObject events = up.getJsonObject("details").getJsonObject("tables").getJsonObject("events");
        assertThat(events.getString("status")).isEqualTo("UP");
        assertThat(events.getString("lastSuccess")).isEqualTo(TIME.clock.instant().toString());
        assertThat(up.getJsonObject("details").getString("ledger")).isEqualTo("reachable");

        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).containsPattern(
                "cometly_export_day_results_total\\{[^}]*result=\"stored\"[^}]*\\} 1\\.0")
                .doesNotContain(TestTime.KEY);

        TIME.sim.refuseKey(TestTime.KEY);
        TIME.nextDay();
        Map<String, List<DayResult>> second = runner.runOnce().orElseThrow();

        assertThat(second.get("events")).singleElement().isInstanceOf(DayResult.Failed.class);
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        JsonObject down = exportHealth();
        assertThat(down.getString("status")).isEqualTo("DOWN");
        JsonObject refused = down.getJsonObject("details").getJsonObject("tables").getJsonObject("events");
        assertThat(refused.getBoolean("keyRefused")).isTrue();
        assertThat(refused.getString("problem")).isEqualTo("ExportApiException FORBIDDEN");
    }
}
