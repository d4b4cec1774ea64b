package io.github.cometlyexport.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CometlySimulatorIT {
    private static final String KEY = SimulatorConfig.DEMO_KEY;
    private static final String BODY = "{\"date\":\"2024-01-15\",\"event_names\":[\"purchase\"]}";

    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    private CometlySimulator sim;

    private CometlySimulator start(SimulatorConfig.Builder config) {
        sim = CometlySimulator.start(config.clock(clock).build());
        return sim;
    }

    private CometlySimulator start() {
        return start(SimulatorConfig.defaults().toBuilder().defaultEvents(200));
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private URI exports() {
        return URI.create(sim.baseUrl() + "/events/exports");
    }

    private URI export(String id) {
        return URI.create(sim.baseUrl() + "/events/exports/" + id);
    }

    private String create() {
        HttpResponse<String> r = Http.post(exports(), KEY, BODY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Http.field(r.body(), "export_id");
    }

    /** Creates a job and steps the clock until it completes; returns its status body. */
    private String completedJob() {
        String id = create();
        clock.advance(Duration.ofSeconds(3));
        return awaitCompleted(id);
    }

    private String awaitCompleted(String id) {
        for (int i = 0; i < 500; i++) {
            HttpResponse<String> r = Http.get(export(id), KEY);
            if ("completed".equals(Http.field(r.body(), "status"))) {
                return r.body();
            }
            // The file is written in the background; give the generator a moment (bounded, not a timing assertion).
            Thread.onSpinWait();
            clock.advance(Duration.ofMillis(10));
        }
        throw new AssertionError("job " + id + " never completed");
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void givenNoUnknownOrInactiveKey_whenCalled_then401And403() {
        start(SimulatorConfig.defaults().toBuilder().key("inactive_key", "demo").inactiveKeys(Set.of("inactive_key")));
        assertThat(Http.get(export("1"), null).statusCode()).isEqualTo(401);
        assertThat(Http.get(export("1"), "wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> inactive = Http.get(export("1"), "inactive_key");
        assertThat(inactive.statusCode()).isEqualTo(403);
        assertThat(inactive.body()).contains("\"message\"");
        assertThat(sim.demoKey()).isEqualTo(KEY);
    }

    @Test
    void givenAKeyRefusedWhileRunning_whenCalled_then403ForItOnly() {
        start(SimulatorConfig.defaults().toBuilder().key("other_key", "other"));
        String id = create();
        assertThat(Http.get(export(id), KEY).statusCode()).isEqualTo(200);

        sim.refuseKey(KEY);

        assertThat(Http.get(export(id), KEY).statusCode()).isEqualTo(403);
        assertThat(Http.post(exports(), KEY, BODY).statusCode()).isEqualTo(403);
        assertThat(Http.get(export("1"), "other_key").statusCode()).as("another key still opens its Space")
                .isEqualTo(404);
        assertThatThrownBy(() -> sim.refuseKey("unknown")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenJobOfAnotherSpace_whenRead_then404() {
        start(SimulatorConfig.defaults().toBuilder().key("other_space_key", "other"));
        String id = create();
        assertThat(Http.get(export(id), KEY).statusCode()).isEqualTo(200);
        assertThat(Http.get(export(id), "other_space_key").statusCode()).isEqualTo(404);
        assertThat(Http.get(export("999999"), KEY).statusCode()).isEqualTo(404);
        assertThat(sim.journal().entries()).extracting(Journal.Entry::space).contains("demo", "other");
    }

    @Test
    void givenInvalidBody_whenCreated_then422WithEveryFieldError() {
        start();
        HttpResponse<String> r = Http.post(exports(), KEY,
                "{\"date\":\"2024-13-01\",\"event_names\":[\"nope\"],\"sources\":[\"email\"],\"attribution_window\":3}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("\"message\":\"The given data was invalid.\"")
                .contains("\"date\":[").contains("\"event_names\":[").contains("\"attribution_model\":[")
                .contains("\"attribution_window\":[");
        HttpResponse<String> malformed = Http.post(exports(), KEY, "{\"date\":");
        assertThat(malformed.statusCode()).isEqualTo(422);
        assertThat(malformed.body()).contains("\"body\":[");
        assertThat(sim.jobCount()).isZero();
    }

    @Test
    void givenCreateBudget_whenSixthCreateInAMinute_then429WithRetryAfterAndHeaders() {
        start();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = Http.post(exports(), KEY, BODY);
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.headers().firstValue("X-RateLimit-Limit")).contains("5");
            assertThat(r.headers().firstValue("X-RateLimit-Remaining")).contains(Integer.toString(4 - i));
        }
        clock.advance(Duration.ofSeconds(20));
        HttpResponse<String> sixth = Http.post(exports(), KEY, BODY);
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).contains("40");
        assertThat(sixth.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        // The status bucket is separate.
        assertThat(Http.get(export("1001"), KEY).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(40));
        assertThat(Http.post(exports(), KEY, BODY).statusCode()).isEqualTo(202);
        assertThat(sim.journal().rateLimited()).isEqualTo(1);
    }

    @Test
    void givenStatusBudget_whenThirtyFirstStatusInAMinute_then429() {
        start();
        String id = create();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = Http.get(export(id), KEY);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-RateLimit-Limit")).contains("30");
        }
        HttpResponse<String> over = Http.get(export(id), KEY);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).contains("60");
        // Creates still have their own budget.
        assertThat(Http.post(exports(), KEY, BODY).statusCode()).isEqualTo(202);
    }

    @Test
    void givenTimeline_whenClockSteps_thenQueuedProcessingCompletedWithFreshLinks() {
        start();
        String id = create();
        String queued = Http.get(export(id), KEY).body();
        assertThat(Http.field(queued, "status")).isEqualTo("queued");
        assertThat(Http.field(queued, "message")).isNotBlank();
        assertThat(Http.field(queued, "created_at")).isEqualTo("2024-01-16T06:00:00Z");
        clock.advance(Duration.ofSeconds(1));
        assertThat(Http.field(Http.get(export(id), KEY).body(), "status")).isEqualTo("processing");
        clock.advance(Duration.ofSeconds(2));
        String first = awaitCompleted(id);
        clock.advance(Duration.ofSeconds(1));
        String second = Http.get(export(id), KEY).body();
        assertThat(Http.field(first, "download_url")).contains("X-Amz-Signature=").contains("X-Amz-Date=")
                .contains("X-Amz-Expires=900").startsWith(sim.downloadBaseUrl().toString());
        assertThat(Http.field(first, "completed_at")).isEqualTo("2024-01-16T06:00:03Z");
        Instant expires = Instant.parse(Http.field(first, "expires_at"));
        assertThat(expires).isAfter(clock.instant().plus(Duration.ofMinutes(14)));
        assertThat(Http.field(second, "download_url")).isNotEqualTo(Http.field(first, "download_url"));
    }

    @Test
    void givenFailingAndStuckJobs_whenPolled_thenFailedWithMessageAndQueuedForever() {
        start();
        sim.scriptNextJob(JobScript.builder().outcome(JobScript.Outcome.FAILED).build());
        sim.scriptNextJob(JobScript.builder().outcome(JobScript.Outcome.STAY_QUEUED).build());
        String failed = create();
        String stuck = create();
        clock.advance(Duration.ofDays(1));
        String body = Http.get(export(failed), KEY).body();
        assertThat(Http.field(body, "status")).isEqualTo("failed");
        assertThat(Http.field(body, "message")).isNotBlank();
        assertThat(Http.field(Http.get(export(stuck), KEY).body(), "status")).isEqualTo("queued");
    }

    @Test
    void givenCompletedJob_whenDownloaded_thenGzipNdjsonWithEtagLengthAndNoAuthNeeded() throws IOException {
        start();
        URI link = URI.create(Http.field(completedJob(), "download_url"));
        HttpResponse<byte[]> r = Http.download(link);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).matches("\"[0-9a-f]{32}\""));
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(r.body().length);
        String text = new String(gunzip(r.body()), StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(200).allSatisfy(l -> assertThat(l).startsWith("{\"id\":").endsWith("}")
                .contains("\"event_time_utc\":\"2024-01-15T"));
        assertThat(text).contains("\\\"Sale\\\"").contains("\\t").contains("ü").contains("evt_7");
        assertThat(sim.journal().credentialsSentToDownloadHost()).isZero();
    }

    @Test
    void givenEventNames_whenTheJobIsDownloaded_thenEveryLineIsOfOneOfThoseNames() throws IOException {
        start();
        HttpResponse<String> r = Http.post(exports(), KEY,
                "{\"date\":\"2024-01-15\",\"event_names\":[\"purchase\",\"custom_event_3\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = Http.field(r.body(), "export_id");
        clock.advance(Duration.ofSeconds(3));
        byte[] gz = Http.download(URI.create(Http.field(awaitCompleted(id), "download_url"))).body();
        java.util.List<String> lines = new String(gunzip(gz), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(200).allSatisfy(l -> assertThat(l)
                .containsAnyOf("\"event_name\":\"purchase\"", "\"event_name\":\"custom_event_3\""));
        assertThat(lines).anyMatch(l -> l.contains("\"event_name\":\"purchase\""))
                .anyMatch(l -> l.contains("\"event_name\":\"custom_event_3\""));
    }

    @Test
    void givenRealisticLines_whenDownloaded_thenEveryLineIsOneObjectOfAboutSevenHundredBytesWithTheExtraFields()
            throws IOException {
        start(SimulatorConfig.defaults().toBuilder().defaultEvents(2_000).lineProfile(LineProfile.REALISTIC));
        byte[] gz = Http.download(URI.create(Http.field(completedJob(), "download_url"))).body();
        byte[] ndjson = gunzip(gz);
        java.util.List<String> lines = new String(ndjson, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2_000);
        for (String line : lines) {
            try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(line))) {
                jakarta.json.JsonObject o = reader.readObject();
                assertThat(o.keySet()).contains("id", "event_time_utc", "touchpoints", "user_agent", "page_url",
                        "attribution", "location", "ip_address");
                assertThat(o.getJsonObject("attribution").getJsonArray("credits")).hasSizeBetween(1, 3);
            }
        }
        double perLine = (double) ndjson.length / lines.size();
        assertThat(perLine).as("bytes per line").isBetween(650.0, 800.0);
        assertThat((double) ndjson.length / gz.length).as("compression ratio").isBetween(4.0, 9.0);
        assertThat(new String(ndjson, StandardCharsets.UTF_8)).contains("東京").contains("München");
    }

    @Test
    void givenLink_whenExpiredThenRenewed_then403ExpiredAndTheFreshLinkWorks() {
        start();
        String id = create();
        clock.advance(Duration.ofSeconds(3));
        URI link = URI.create(Http.field(awaitCompleted(id), "download_url"));
        clock.advance(Duration.ofMinutes(15));
        HttpResponse<byte[]> expired = Http.download(link);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("<Code>AccessDenied</Code>")
                .contains("Request has expired");
        URI fresh = URI.create(Http.field(Http.get(export(id), KEY).body(), "download_url"));
        assertThat(Http.download(fresh).statusCode()).isEqualTo(200);
    }

    @Test
    void givenTamperedSignatureOrAuthorizationHeader_whenDownloaded_then403Or400() {
        start();
        String link = Http.field(completedJob(), "download_url");
        HttpResponse<byte[]> tampered = Http.download(URI.create(link.replaceAll("Signature=[0-9a-f]", "Signature=x")));
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(new String(tampered.body(), StandardCharsets.UTF_8)).contains("SignatureDoesNotMatch");
        HttpResponse<byte[]> withAuth = Http.download(URI.create(link), "Authorization", "Bearer " + KEY);
        assertThat(withAuth.statusCode()).isEqualTo(400);
        assertThat(sim.journal().credentialsSentToDownloadHost()).isEqualTo(1);
    }

    @Test
    void givenRangeAndIfMatch_whenDownloaded_then206ContentRangeAnd412OnMismatch() {
        start();
        URI link = URI.create(Http.field(completedJob(), "download_url"));
        HttpResponse<byte[]> whole = Http.download(link);
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        int len = whole.body().length;
        HttpResponse<byte[]> tail = Http.download(link, "Range", "bytes=100-", "If-Match", etag);
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range")).contains("bytes 100-" + (len - 1) + "/" + len);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(whole.body(), 100, len));
        assertThat(Http.download(link, "Range", "bytes=0-", "If-Match", "\"other\"").statusCode()).isEqualTo(412);
        assertThat(Http.download(link, "Range", "bytes=" + len + "-").statusCode()).isEqualTo(416);
        assertThat(sim.journal().resumes()).isEqualTo(3);
    }

    @Test
    void givenEmptyDay_whenDownloaded_thenValidEmptyGzip() throws IOException {
        start(SimulatorConfig.defaults().toBuilder().defaultEvents(0));
        byte[] gz = Http.download(URI.create(Http.field(completedJob(), "download_url"))).body();
        assertThat(gz.length).isPositive();
        assertThat(gunzip(gz)).isEmpty();
    }

    @Test
    void givenSharedFiles_whenTwoDaysAskForTheSameData_thenOneFileServesBothElseEachHasItsOwn() {
        start(SimulatorConfig.defaults().toBuilder().defaultEvents(300).shareFiles(true));
        long first = Long.parseLong(Http.field(completedJob(), "export_id"));
        String sameNames = "{\"date\":\"2024-01-16\",\"event_names\":[\"purchase\"]}";
        HttpResponse<String> other = Http.post(exports(), KEY, sameNames);
        clock.advance(Duration.ofSeconds(3));
        long second = Long.parseLong(Http.field(awaitCompleted(Http.field(other.body(), "export_id")), "export_id"));
        assertThat(sim.servedBytes(second)).isEqualTo(sim.servedBytes(first));
        sim.close();
        start(SimulatorConfig.defaults().toBuilder().defaultEvents(300));
        long alone = Long.parseLong(Http.field(completedJob(), "export_id"));
        other = Http.post(exports(), KEY, sameNames);
        clock.advance(Duration.ofSeconds(3));
        long next = Long.parseLong(Http.field(awaitCompleted(Http.field(other.body(), "export_id")), "export_id"));
        assertThat(sim.servedBytes(next)).isNotEqualTo(sim.servedBytes(alone));
    }

    @Test
    void givenSameSeed_whenTwoSimulatorsServeTheSameJob_thenBytesAreIdentical() {
        start();
        String id = Http.field(completedJob(), "export_id");
        byte[] first = sim.servedBytes(Long.parseLong(id));
        sim.close();
        start();
        byte[] second = sim.servedBytes(Long.parseLong(Http.field(completedJob(), "export_id")));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void givenCutKnob_whenDownloaded_thenConnectionDropsAfterNBytesTheGivenNumberOfTimes() throws IOException {
        start(SimulatorConfig.defaults().toBuilder().defaultEvents(2_000));
        sim.scriptNextJob(JobScript.builder().cut(10_000, 2).build());
        URI link = URI.create(Http.field(completedJob(), "download_url"));
        for (int i = 0; i < 2; i++) {
            HttpURLConnection c = (HttpURLConnection) link.toURL().openConnection();
            try (InputStream in = c.getInputStream()) {
                byte[] buf = new byte[8192];
                long got = 0;
                IOException broke = null;
                try {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        got += n;
                    }
                } catch (IOException e) {
                    broke = e;
                }
                assertThat(got).isEqualTo(10_000);
                assertThat(got < c.getContentLengthLong() || broke != null).isTrue();
            }
        }
        assertThat(Http.download(link).body()).hasSize((int) sim.servedBytes(1001).length);
    }

    @Test
    void givenStallKnob_whenClientReadTimeoutIsShorter_thenReadTimesOutAfterNBytes() throws IOException {
        start(SimulatorConfig.defaults().toBuilder().defaultEvents(2_000));
        sim.scriptNextJob(JobScript.builder().stall(5_000, Duration.ofSeconds(3), 1).build());
        URI link = URI.create(Http.field(completedJob(), "download_url"));
        HttpURLConnection c = (HttpURLConnection) link.toURL().openConnection();
        c.setReadTimeout(300);
        long got = 0;
        IOException failure = null;
        try (InputStream in = c.getInputStream()) {
            byte[] buf = new byte[1024];
            int r;
            while ((r = in.read(buf)) >= 0) {
                got += r;
            }
        } catch (IOException e) {
            failure = e;
        }
        assertThat(failure).isInstanceOf(SocketTimeoutException.class);
        assertThat(got).isEqualTo(5_000);
    }

    @Test
    void givenTruncateKnob_whenDownloaded_thenHttpCompleteButGzipBroken() {
        start();
        sim.scriptNextJob(JobScript.builder().truncate(20).build());
        HttpResponse<byte[]> r = Http.download(URI.create(Http.field(completedJob(), "download_url")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(r.body().length);
        assertThatThrownBy(() -> gunzip(r.body())).isInstanceOf(IOException.class);
    }

    @Test
    void givenFlipKnob_whenDownloaded_thenHttpCompleteButGzipBroken() {
        start();
        sim.scriptNextJob(JobScript.builder().flipByteAt(300).build());
        HttpResponse<byte[]> r = Http.download(URI.create(Http.field(completedJob(), "download_url")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> gunzip(r.body())).isInstanceOf(IOException.class);
    }

    @Test
    void givenAppendKnob_whenDownloaded_thenTheWholeFileThenTheBytesHttpCompleteAndRangesReachIntoThem()
            throws IOException {
        start();
        byte[] garbage = "not a gzip member".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        sim.scriptNextJob(JobScript.builder().appendBytes(garbage).build());
        String job = completedJob();
        URI link = URI.create(Http.field(job, "download_url"));
        HttpResponse<byte[]> r = Http.download(link);
        assertThat(r.statusCode()).isEqualTo(200);
        byte[] body = r.body();
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(body.length);
        assertThat(java.util.Arrays.copyOfRange(body, body.length - garbage.length, body.length)).isEqualTo(garbage);
        byte[] file = java.util.Arrays.copyOf(body, body.length - garbage.length);
        assertThat(gunzip(file)).isNotEmpty();
        assertThat(sim.servedBytes(Long.parseLong(Http.field(job, "export_id")))).isEqualTo(body);
        int from = body.length - garbage.length - 10;
        HttpResponse<byte[]> tail = Http.download(link, "Range", "bytes=" + from + "-");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(body, from, body.length));
    }

    @Test
    void givenApiBursts_whenCalled_then5xxThen429ThenNormal() {
        start();
        String id = create();
        sim.failNextApiRequests(2, 503);
        assertThat(Http.get(export(id), KEY).statusCode()).isEqualTo(503);
        assertThat(Http.get(export(id), KEY).statusCode()).isEqualTo(503);
        sim.rateLimitNextApiRequests(1);
        HttpResponse<String> limited = Http.get(export(id), KEY);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
        assertThat(Http.get(export(id), KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void givenBogusStatusKnob_whenPolled_thenUndocumentedStatusValue() {
        start();
        sim.scriptNextJob(JobScript.builder().bogusStatus("archived").build());
        String id = create();
        assertThat(Http.field(Http.get(export(id), KEY).body(), "status")).isEqualTo("archived");
    }

    @Test
    void givenRequests_whenJournaled_thenMethodPathStatusAuthRangeAndSpaceRecorded() {
        start();
        String body = completedJob();
        URI link = URI.create(Http.field(body, "download_url"));
        Http.download(link, "Range", "bytes=10-");
        Journal.Entry post = sim.journal().entries().get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/public-api/v1/events/exports");
        assertThat(post.status()).isEqualTo(202);
        assertThat(post.authorizationSent()).isTrue();
        assertThat(post.space()).isEqualTo("demo");
        Journal.Entry last = sim.journal().entries().get(sim.journal().entries().size() - 1);
        assertThat(last.host()).isEqualTo(Journal.Host.DOWNLOAD);
        assertThat(last.status()).isEqualTo(206);
        assertThat(last.range()).isEqualTo("bytes=10-");
        assertThat(last.authorizationSent()).isFalse();
        assertThat(last.path()).doesNotContain("Signature");
        assertThat(sim.journal().jobsCreated()).isEqualTo(1);
    }
}
