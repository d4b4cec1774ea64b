package io.github.cometlyexport.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportProtocolException;
import io.github.cometlyexport.port.driven.ExportTransportException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults that are easier to script in WireMock than in the simulator. */
class CometlyHttpAdapterWireMockIT {
    private static final String STATUS = "/public-api/v1/events/exports/7";
    private static final String CREATE = "/public-api/v1/events/exports";
    private final String key = TestSupport.uniqueKey();
    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private CometlyHttpAdapter adapter;
    private final ExportRequest request = ExportRequest.builder().date("2024-01-15").build();

    @BeforeEach
    void start() {
        server.start();
        adapter = TestSupport.adapter(TestSupport.config(key, URI.create("http://127.0.0.1:" + server.port()
                + "/public-api/v1")), Clock.systemUTC(), new TestSupport.RecordingSleeper());
    }

    @AfterEach
    void stop() {
        adapter.close();
        server.stop();
    }

    private static String queued() {
        return "{\"export_id\":7,\"status\":\"queued\",\"created_at\":\"2024-01-15T10:00:00.000000Z\","
                + "\"message\":\"queued\",\"extra\":{\"ignored\":true}}";
    }

    @Test
    void givenConnectionResetThenSuccess_whenFetched_thenRetriedAndUnknownKeysTolerated() {
        server.stubFor(get(urlEqualTo(STATUS)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        server.stubFor(get(urlEqualTo(STATUS)).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(queued())));
        assertThat(adapter.fetch(new ExportJobId(7))).isInstanceOf(ExportJob.Queued.class);
        server.verify(2, getRequestedFor(urlEqualTo(STATUS)));
        assertThat(server.findAll(getRequestedFor(urlEqualTo(STATUS)))).allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + key);
            assertThat(r.getHeader("Accept")).isEqualTo("application/json");
            assertThat(r.getHeader("User-Agent")).startsWith("cometly-export/");
        });
    }

    @Test
    void givenMalformedJson_whenFetched_thenProtocolErrorThatDoesNotEchoTheBody() {
        server.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(200)
                .withBody("{\"export_id\":7,\"download_url\":\"https://b/x?X-Amz-Signature=abc")));
        assertThatThrownBy(() -> adapter.fetch(new ExportJobId(7))).isInstanceOf(ExportProtocolException.class)
                .hasMessageContaining("not the expected JSON").hasMessageNotContaining("Signature");
        server.verify(1, getRequestedFor(urlEqualTo(STATUS)));
    }

    @Test
    void givenMissingKeys_whenFetched_thenProtocolErrorNamesThem() {
        server.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(200)
                .withBody("{\"export_id\":7,\"status\":\"completed\",\"created_at\":\"2024-01-15T10:00:00Z\"}")));
        assertThatThrownBy(() -> adapter.fetch(new ExportJobId(7))).isInstanceOf(ExportProtocolException.class)
                .hasMessageContaining("download_url").hasMessageContaining("completed_at");
    }

    @Test
    void givenCompletedWithoutExpiresAt_whenFetched_thenLinkLivesFifteenMinutesFromTheResponse() {
        server.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(200).withBody(
                "{\"export_id\":7,\"status\":\"completed\",\"created_at\":\"2024-01-15T10:00:00Z\","
                        + "\"completed_at\":\"2024-01-15T10:01:00+00:00\","
                        + "\"download_url\":\"https://b.s3.amazonaws.com/e/x.json.gz?X-Amz-Signature=s\"}")));
        java.time.Instant before = java.time.Instant.now();
        ExportJob job = adapter.fetch(new ExportJobId(7));
        assertThat(job).isInstanceOfSatisfying(ExportJob.Completed.class, c -> {
            assertThat(c.completedAt()).isEqualTo(java.time.Instant.parse("2024-01-15T10:01:00Z"));
            assertThat(c.downloadUrl().expiresAt()).isBetween(before.plusSeconds(900),
                    java.time.Instant.now().plusSeconds(900));
        });
    }

    @Test
    void givenValidationErrors_whenCreated_thenEveryFieldErrorIsReported() {
        server.stubFor(post(urlEqualTo(CREATE)).willReturn(aResponse().withStatus(422).withBody(
                "{\"message\":\"The given data was invalid.\",\"errors\":{\"date\":[\"The date is in the future.\"],"
                        + "\"sources\":[\"Unknown source.\",\"Too many.\"]}}")));
        assertThatThrownBy(() -> adapter.create(request)).isInstanceOfSatisfying(ExportApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(ExportApiException.Kind.INVALID_REQUEST);
            assertThat(e.fieldErrors()).containsOnlyKeys("date", "sources");
            assertThat(e.fieldErrors().get("sources")).containsExactly("Unknown source.", "Too many.");
            assertThat(e.getMessage()).contains("422").contains("date: The date is in the future.")
                    .contains("sources: Unknown source., Too many.");
        });
        server.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        String body = server.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0).getBodyAsString();
        assertThat(body).isEqualTo("{\"date\":\"2024-01-15\",\"query_mode\":\"profile\"}");
    }

    @Test
    void givenAmbiguousCreateFailure_whenCreated_thenNotRetriedAndReportedAsMayHaveCreated() {
        server.stubFor(post(urlEqualTo(CREATE)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        assertThatThrownBy(() -> adapter.create(request)).isInstanceOfSatisfying(ExportTransportException.class,
                e -> {
                    assertThat(e.mayHaveCreatedJob()).isTrue();
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("may have been created");
                });
        server.verify(1, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void givenNothingListening_whenCreated_thenRetriedBecauseTheRequestNeverLeftAndThenReported() {
        CometlyHttpAdapter nowhere = TestSupport.adapter(TestSupport.config(key, URI.create(
                "http://127.0.0.1:1/public-api/v1")), Clock.systemUTC(), new TestSupport.RecordingSleeper());
        assertThatThrownBy(() -> nowhere.create(request)).isInstanceOfSatisfying(ExportTransportException.class,
                e -> {
                    assertThat(e.mayHaveCreatedJob()).isFalse();
                    assertThat(e.getMessage()).contains("could not connect").doesNotContain(key);
                });
        nowhere.close();
    }

    @Test
    void given429OnCreateThenSuccess_whenCreated_thenRetriedOnce() {
        server.stubFor(post(urlEqualTo(CREATE)).inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withBody("{\"message\":\"Too Many Attempts.\"}")).willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo(CREATE)).inScenario("c").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(202).withBody("{\"export_id\":7,\"status\":\"queued\"}")));
        assertThat(adapter.create(request)).isEqualTo(new ExportJobId(7));
        server.verify(2, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void givenPersistent5xx_whenFetched_thenRetriesStopAtTheBudget() {
        server.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(502).withBody("<html>bad gateway")));
        assertThatThrownBy(() -> adapter.fetch(new ExportJobId(7))).isInstanceOfSatisfying(ExportApiException.class,
                e -> assertThat(e.getMessage()).contains("502").contains("bad gateway"));
        server.verify(4, getRequestedFor(urlEqualTo(STATUS)));
    }

    @Test
    void givenRemainingZero_whenFetched_thenTheNextRequestWaitsForTheWindow() {
        server.stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(200)
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "1").withBody(queued())));
        TestSupport.RecordingSleeper sleeper = new TestSupport.RecordingSleeper();
        CometlyHttpAdapter paced = TestSupport.adapter(TestSupport.config(TestSupport.uniqueKey(), URI.create(
                "http://127.0.0.1:" + server.port() + "/public-api/v1")), Clock.systemUTC(), sleeper);
        paced.fetch(new ExportJobId(7));
        assertThat(sleeper.waits).isEmpty();
        paced.fetch(new ExportJobId(7));
        assertThat(sleeper.waits).hasSize(1).allSatisfy(d -> assertThat(d.toMillis()).isBetween(500L, 1000L));
        paced.close();
        assertThat(List.of(paced.toString())).allSatisfy(s -> assertThat(s).doesNotContain(key));
    }
}
