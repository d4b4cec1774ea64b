package io.github.cometlyexport.adapter.storage.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.testing.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store through a recording proxy (WireMock) in front of a real S3 server (S3Proxy): what goes over the wire
 * to an S3-compatible store, and a store that does not implement listing multipart uploads.
 */
class S3CompatibleStoreIT {
    private static final int PART = 5 * 1024 * 1024;
    private static S3ProxyServer backend;
    private WireMockServer front;

    @BeforeAll
    static void startBackend() throws Exception {
        backend = S3ProxyServer.inMemory();
        backend.createBucket("compat");
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @BeforeEach
    void startFront() {
        // The Host header is kept as the client signed it (SigV4 covers it).
        front = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").preserveHostHeader(true));
        front.start();
        front.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(backend.endpoint()
                .toString())));
    }

    @AfterEach
    void stopFront() {
        front.stop();
    }

    private URI frontEndpoint() {
        return URI.create("http://127.0.0.1:" + front.port());
    }

    /** The client {@code --s3-endpoint} builds, with the test server's credentials. */
    private S3Client endpointClient() {
        return S3StorageAdapter.clientBuilder(frontEndpoint(), true).credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(S3ProxyServer.ACCESS, S3ProxyServer.SECRET))).build();
    }

    private static final java.time.LocalDate DAY = java.time.LocalDate.of(2024, 1, 15);

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private static ExportRequest request(String event) {
        return ExportRequest.builder().date(DAY).eventNames(List.of(event)).build();
    }

    private static ExportManifest manifest(ExportFileKey key, ExportRequest request, byte[] content) {
        java.time.Instant t = java.time.Instant.parse("2024-01-16T06:00:00Z");
        try (java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(content)) {
            return new ExportManifest(key.exportId(), key.date(), request, content.length,
                    io.github.cometlyexport.adapter.storage.internal.Sha256.hex(in), 42, t, t, t, "\"etag\"", 1, false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] readAll(S3StorageAdapter store, StoredExport stored) throws IOException {
        try (java.io.InputStream in = store.openStored(stored)) {
            return in.readAllBytes();
        }
    }

    /** Stores a table definition, a day of three parts and its manifest; checks what was stored. */
    private void storeADay(S3Client client, String prefix) throws IOException {
        S3StorageAdapter store = new S3StorageAdapter(client, new S3Location("compat", prefix),
                new S3PartBudget(PART, 2), StoredFormat.GZIP);
        store.claimTable(new TableDefinition("events", Map.of()));
        ExportFileKey key = new ExportFileKey(new ExportJobId(70), DAY);
        byte[] content = bytes(PART * 2 + 4321, 70);
        try (PendingExportFile pending = store.begin(key)) {
            for (int i = 0; i < content.length; i += 1 << 20) {
                pending.write(content, i, Math.min(1 << 20, content.length - i));
            }
            StoredExport stored = pending.publish(manifest(key, request("purchase"), content));
            assertThat(readAll(store, stored)).isEqualTo(content);
        }
        assertThat(store.findStored(key)).isPresent();
    }

    /**
     * No request relies on trailing checksums; every body sent carries its CRC32C as a header. With {@code plain},
     * no body is {@code aws-chunked} at all (and the header is checked against the body as sent).
     */
    private void assertChecksumsAsHeaders(boolean plain) {
        List<LoggedRequest> sent = front.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).isNotEmpty();
        for (LoggedRequest r : sent) {
            String what = r.getMethod() + " " + r.getUrl();
            assertThat(r.containsHeader("x-amz-trailer")).as(what + " has a trailer").isFalse();
            if (plain) {
                assertThat(r.containsHeader("Content-Encoding") ? r.getHeader("Content-Encoding") : "").as(what)
                        .doesNotContain("aws-chunked");
                assertThat(r.containsHeader("x-amz-content-sha256") ? r.getHeader("x-amz-content-sha256") : "")
                        .as(what).doesNotStartWith("STREAMING-");
            }
            if (r.getMethod().getName().equals("PUT")) {
                assertThat(r.containsHeader("x-amz-checksum-crc32c")).as(what + " carries its CRC32C").isTrue();
                if (plain) {
                    byte[] body = r.getBody();
                    assertThat(r.getHeader("x-amz-checksum-crc32c")).as(what).isEqualTo(Crc32c.base64(body,
                            body.length));
                }
            }
        }
        assertThat(sent.stream().filter(r -> r.getUrl().contains("partNumber="))).as("parts").hasSize(3);
    }

    @Test
    void givenTheClientThatS3EndpointBuilds_whenADayIsStored_thenNoAwsChunkedAndEveryBodyCarriesItsCrc32c()
            throws IOException {
        try (S3Client client = endpointClient()) {
            storeADay(client, "endpoint");
        }
        assertChecksumsAsHeaders(true);
    }

    @Test
    void givenAHostsOwnClientWithTheSdkDefaults_whenADayIsStored_thenNoTrailerAndEveryBodyCarriesItsCrc32c()
            throws IOException {
        try (S3Client client = S3ProxyServer.client(frontEndpoint())) {
            storeADay(client, "host");
        }
        // Over plain HTTP its defaults still sign each chunk (that is the client's setting); the checksums,
        // the adapter's part, are headers.
        assertChecksumsAsHeaders(false);
    }

    @Test
    void givenAStoreThatCannotListMultipartUploads_whenDaysAreExported_thenTheyAreStoredAndItIsAskedOnce()
            throws IOException {
        // As Cloudflare R2 and some gateways answer: the operation does not exist there.
        front.stubFor(get(urlMatching("/compat/?\\?(.*&)?uploads(=[^&]*)?(&.*)?")).atPriority(1)
                .willReturn(aResponse().withStatus(501).withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NotImplemented</Code>"
                                + "<Message>A header you provided implies functionality that is not implemented"
                                + "</Message></Error>")));
        try (S3Client client = endpointClient()) {
            S3StorageAdapter store = new S3StorageAdapter(client, new S3Location("compat", "r2"),
                    new S3PartBudget(PART, 2), StoredFormat.GZIP);
            for (int d = 0; d < 2; d++) {
                ExportFileKey key = new ExportFileKey(new ExportJobId(80 + d), DAY.plusDays(d));
                byte[] content = bytes(PART + 99, 80 + d);
                try (PendingExportFile pending = store.begin(key)) {
                    pending.write(content, 0, content.length);
                    StoredExport stored = pending.publish(manifest(key, null, content));
                    assertThat(readAll(store, stored)).isEqualTo(content);
                }
            }
        }
        assertThat(front.findAll(anyRequestedFor(urlMatching(".*[?&]uploads(=[^&]*)?(&.*)?")))
                .stream().filter(r -> r.getMethod().getName().equals("GET"))).as("listings asked").hasSize(1);
    }
}
