package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.simulator.SimulatorClocks;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.DownloadUrl;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driven.DownloadOpening;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportTransportException;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpDownloadAdapterIT {
    private final String key = TestSupport.uniqueKey();
    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    private CometlySimulator sim;
    private CometlyHttpAdapter api;
    private HttpDownloadAdapter downloads;

    private void start(JobScript script, Duration downloadTimeout) {
        sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "s").clock(clock)
                .defaultEvents(3_000).build());
        sim.scriptNextJob(script);
        CometlyHttpConfig config = TestSupport.config(key, sim).toBuilder()
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), downloadTimeout).build();
        // The clock only moves when told: waits move it (the simulator shares it) instead of passing real time.
        api = TestSupport.adapter(config, clock, clock::advance);
        downloads = HttpDownloadAdapter.create(config);
    }

    @AfterEach
    void stop() {
        if (downloads != null) {
            downloads.close();
            api.close();
            sim.close();
        }
    }

    private ExportJob.Completed completedJob() {
        ExportJobId id = api.create(ExportRequest.builder().date("2024-01-15").build());
        clock.advance(Duration.ofSeconds(3));
        for (int i = 0; i < 500; i++) {
            if (api.fetch(id) instanceof ExportJob.Completed c) {
                return c;
            }
        }
        throw new AssertionError("never completed");
    }

    private static DownloadOpening.Opened opened(DownloadOpening o) {
        assertThat(o).isInstanceOf(DownloadOpening.Opened.class);
        return (DownloadOpening.Opened) o;
    }

    @Test
    void givenCompletedJob_whenOpened_thenBodyEtagAndLengthMatchWhatTheHostServes() throws IOException {
        start(JobScript.completed(), Duration.ofSeconds(5));
        ExportJob.Completed job = completedJob();
        byte[] served = sim.servedBytes(job.id().value());
        try (DownloadOpening.Opened o = opened(downloads.open(job.downloadUrl(), 0, null))) {
            assertThat(o.body().readAllBytes()).isEqualTo(served);
            assertThat(o.totalLength()).isEqualTo(served.length);
            assertThat(o.etag()).startsWith("\"");
            assertThat(o.offset()).isZero();
        }
        assertThat(sim.journal().credentialsSentToDownloadHost()).isZero();
    }

    @Test
    void givenCutMidBody_whenResumedFromTheLastByteWithIfMatch_thenBytesAreIdentical() throws IOException {
        start(JobScript.builder().cut(20_000, 1).build(), Duration.ofSeconds(5));
        ExportJob.Completed job = completedJob();
        byte[] served = sim.servedBytes(job.id().value());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        String etag;
        try (DownloadOpening.Opened first = opened(downloads.open(job.downloadUrl(), 0, null))) {
            etag = first.etag();
            assertThatThrownBy(() -> first.body().transferTo(got)).isInstanceOf(IOException.class)
                    .hasMessageNotContaining("Signature");
        }
        assertThat(got.size()).isEqualTo(20_000);
        try (DownloadOpening.Opened rest = opened(downloads.open(job.downloadUrl(), got.size(), etag))) {
            assertThat(rest.offset()).isEqualTo(20_000);
            assertThat(rest.totalLength()).isEqualTo(served.length);
            rest.body().transferTo(got);
        }
        assertThat(got.toByteArray()).isEqualTo(served);
        assertThat(sim.journal().entries()).anySatisfy(e -> {
            assertThat(e.range()).isEqualTo("bytes=20000-");
            assertThat(e.ifMatch()).isEqualTo(etag);
            assertThat(e.status()).isEqualTo(206);
        });
        assertThat(sim.journal().credentialsSentToDownloadHost()).isZero();
    }

    @Test
    void givenExpiredLink_whenOpened_thenLinkExpiredOutcome() {
        start(JobScript.completed(), Duration.ofSeconds(5));
        ExportJob.Completed job = completedJob();
        clock.advance(Duration.ofMinutes(16));
        assertThat(downloads.open(job.downloadUrl(), 0, null)).isInstanceOf(DownloadOpening.LinkExpired.class);
    }

    @Test
    void givenFileGoneFromTheBucket_whenOpened_thenFileGoneWithoutTheQueryString() {
        start(JobScript.completed(), Duration.ofSeconds(5));
        ExportJob.Completed job = completedJob();
        sim.loseFile(job.id().value());
        String query = job.downloadUrl().uri().getRawQuery();
        assertThatThrownBy(() -> downloads.open(job.downloadUrl(), 0, null))
                .isInstanceOfSatisfying(ExportApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExportApiException.Kind.FILE_GONE);
                    assertThat(e.status()).isEqualTo(404);
                })
                .hasMessageContaining("NoSuchKey").hasMessageNotContaining(query);
    }

    @Test
    void givenForbiddenThatIsNotExpiry_whenOpened_thenFileGoneAndAnExpiredLinkStillRenewable() {
        start(JobScript.completed(), Duration.ofSeconds(5));
        ExportJob.Completed job = completedJob();
        // A link whose signature no longer matches: S3 answers 403 SignatureDoesNotMatch, which no renewal of this
        // job's link can cure as it cures expiry.
        DownloadUrl tampered = DownloadUrl.of(URI.create(job.downloadUrl().uri().toString()
                .replaceFirst("(X-Amz-Signature=)([0-9a-fA-F])", "$1f$2")), job.downloadUrl().expiresAt(),
                clock.instant());
        assertThatThrownBy(() -> downloads.open(tampered, 0, null))
                .isInstanceOfSatisfying(ExportApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExportApiException.Kind.FILE_GONE);
                    assertThat(e.status()).isEqualTo(403);
                })
                .hasMessageContaining("SignatureDoesNotMatch");
        clock.advance(Duration.ofMinutes(16));
        assertThat(downloads.open(job.downloadUrl(), 0, null)).isInstanceOf(DownloadOpening.LinkExpired.class);
    }

    @Test
    void givenOtherEtag_whenResumed_thenObjectChangedOutcome() {
        start(JobScript.completed(), Duration.ofSeconds(5));
        ExportJob.Completed job = completedJob();
        assertThat(downloads.open(job.downloadUrl(), 10, "\"not-the-same\""))
                .isInstanceOf(DownloadOpening.ObjectChanged.class);
    }

    @Test
    void givenStallLongerThanTheTimeout_whenRead_thenIOExceptionSoTheCoreCanResume() {
        start(JobScript.builder().stall(8_000, Duration.ofSeconds(3), 1).build(), Duration.ofMillis(300));
        ExportJob.Completed job = completedJob();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThatThrownBy(() -> {
            try (DownloadOpening.Opened o = opened(downloads.open(job.downloadUrl(), 0, null))) {
                o.body().transferTo(got);
            }
        }).isInstanceOf(IOException.class).hasRootCauseInstanceOf(SocketTimeoutException.class);
        assertThat(got.size()).isEqualTo(8_000);
    }

    @Test
    void givenPlainHttpToAnotherHost_whenOpened_thenRefusedWithoutTheQueryString() {
        start(JobScript.completed(), Duration.ofSeconds(5));
        DownloadUrl remote = DownloadUrl.of(URI.create(
                "http://bucket.s3.amazonaws.com/exports/x.json.gz?X-Amz-Signature=topsecret"), null, Instant.now());
        assertThatThrownBy(() -> downloads.open(remote, 0, null)).isInstanceOf(ExportTransportException.class)
                .hasMessageContaining("https").hasMessageNotContaining("topsecret");
        assertThat(sim.journal().entries()).isEmpty();
    }

    @Test
    void givenBrokenHost_whenOpened_thenTransportErrorWithoutTheQueryString() {
        start(JobScript.completed(), Duration.ofSeconds(5));
        DownloadUrl closed = DownloadUrl.of(URI.create("http://127.0.0.1:1/x.json.gz?X-Amz-Signature=topsecret"),
                null, Instant.now());
        assertThatThrownBy(() -> downloads.open(closed, 0, null)).isInstanceOf(ExportTransportException.class)
                .hasMessageNotContaining("topsecret").satisfies(e -> assertThat(e.getCause().getMessage())
                        .doesNotContain("topsecret"));
    }
}
