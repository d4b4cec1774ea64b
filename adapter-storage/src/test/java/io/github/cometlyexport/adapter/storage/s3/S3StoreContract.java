package io.github.cometlyexport.adapter.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.adapter.storage.internal.StorageLayout;
import io.github.cometlyexport.adapter.storage.StoreExportFilePortContract;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driven.ExportStorageException;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The store contract and the S3 store's own promises, against a real S3 server that each subclass runs: S3Proxy
 * ({@link S3StorageAdapterIT}) and Adobe S3Mock ({@link S3MockStoreIT}), two independent implementations of the
 * protocol, so that the store relies on S3 as specified rather than on one server's leniency.
 */
abstract class S3StoreContract extends StoreExportFilePortContract {
    protected S3Client s3;
    protected String bucket;
    private S3StorageAdapter store;

    /**
     * @param customize more settings for the client (an interceptor that injects a fault, say)
     * @return a new client of the server, closed by the caller
     */
    protected abstract S3Client client(java.util.function.UnaryOperator<S3ClientBuilder> customize);

    /** @return the test class's client of the server, which it closes */
    protected abstract S3Client sharedClient();

    @BeforeEach
    void freshBucket() {
        s3 = sharedClient();
        bucket = "exports-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
        store = new S3StorageAdapter(s3, new S3Location(bucket, "cometly/raw"), S3StorageAdapter.DEFAULT_PART_SIZE);
    }

    @Override
    protected StoreExportFilePort store() {
        return store;
    }

    @Override
    protected boolean resumesAcrossRuns() {
        return false;
    }

    @Override
    protected boolean anythingVisible(ExportFileKey key) {
        String folder = "cometly/raw/" + StorageLayout.folder(key) + "/";
        return exists(folder + StorageLayout.dataName(key, io.github.cometlyexport.domain.StoredFormat.GZIP)) || exists(folder + StorageLayout.MANIFEST)
                || inProgressUploads() > 0;
    }

    private boolean exists(String key) {
        try {
            s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private int inProgressUploads() {
        return s3.listMultipartUploads(ListMultipartUploadsRequest.builder().bucket(bucket).build()).uploads().size();
    }

    @Test
    void givenFileLargerThanAPart_whenPublished_thenMultipartCompletesWithIdenticalBytes() throws IOException {
        ExportFileKey key = new ExportFileKey(new ExportJobId(31), DAY);
        byte[] content = bytes(S3StorageAdapter.DEFAULT_PART_SIZE * 2 + 12_345, 9);
        try (PendingExportFile pending = store.begin(key)) {
            for (int i = 0; i < content.length; i += 65_536) {
                pending.write(content, i, Math.min(65_536, content.length - i));
            }
            assertThat(inProgressUploads()).isEqualTo(1);
            assertThat(exists("cometly/raw/events/date=2024-01-15/events-2024-01-15.ndjson.gz")).isFalse();
            StoredExport stored = pending.publish(manifest(key, request("purchase"), content));
            assertThat(stored.location()).isEqualTo("s3://" + bucket
                    + "/cometly/raw/events/date=2024-01-15/events-2024-01-15.ndjson.gz");
            assertThat(readAll(store, stored)).isEqualTo(content);
        }
        assertThat(inProgressUploads()).isZero();
        assertThat(store.findStored(request("purchase"))).isPresent();
    }

    @Test
    void givenMultipartInProgress_whenAbortedByDiscardOrClose_thenNoObjectAndNoUploadRemain() {
        ExportFileKey key = new ExportFileKey(new ExportJobId(32), DAY);
        byte[] content = bytes(S3StorageAdapter.DEFAULT_PART_SIZE + 1000, 10);
        try (PendingExportFile pending = store.begin(key)) {
            pending.write(content, 0, content.length);
            assertThat(inProgressUploads()).isEqualTo(1);
            pending.discard();
        }
        assertThat(inProgressUploads()).isZero();
        try (PendingExportFile pending = store.begin(key)) {
            pending.write(content, 0, content.length);
        }
        assertThat(inProgressUploads()).isZero();
        assertThat(anythingVisible(key)).isFalse();
    }

    @Test
    void givenSixUploadsAtOnceOnTwoPartBuffers_whenWritten_thenAllPublishIdenticalAndNoThirdBufferIsMade()
            throws Exception {
        int partSize = 5 * 1024 * 1024;
        S3PartBudget budget = new S3PartBudget(partSize, 2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<byte[]>> runs = new java.util.ArrayList<>();
            for (int d = 0; d < 6; d++) {
                // Six tables (adapters) share the one budget, as every upload of a process does.
                S3StorageAdapter shared = new S3StorageAdapter(s3, new S3Location(bucket, "table" + d), budget,
                        io.github.cometlyexport.domain.StoredFormat.GZIP);
                ExportFileKey key = new ExportFileKey(new ExportJobId(40 + d), DAY);
                byte[] content = bytes(partSize * 3 + 777 * d, 20 + d);
                runs.add(pool.submit(() -> {
                    try (PendingExportFile pending = shared.begin(key)) {
                        for (int i = 0; i < content.length; i += 100_000) {
                            pending.write(content, i, Math.min(100_000, content.length - i));
                        }
                        StoredExport stored = pending.publish(manifest(key, request("purchase"), content));
                        return readAll(shared, stored);
                    }
                }));
            }
            for (int d = 0; d < 6; d++) {
                assertThat(runs.get(d).get(2, java.util.concurrent.TimeUnit.MINUTES))
                        .isEqualTo(bytes(partSize * 3 + 777 * d, 20 + d));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(budget.buffersMade()).isEqualTo(2);
        assertThat(inProgressUploads()).isZero();
    }

    @Test
    void givenPartThatFails_whenUploading_thenTheUploadIsAbortedAndTheErrorNamesThePart() {
        // The client refuses to send part 2 (as a dropped connection would fail it); S3 itself is real.
        try (S3Client failing = client(b -> b.overrideConfiguration(o -> o
                .addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission c,
                                                   software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
                        if (c.request() instanceof software.amazon.awssdk.services.s3.model.UploadPartRequest p
                                && p.partNumber() == 2) {
                            throw software.amazon.awssdk.core.exception.SdkClientException.create("connection reset");
                        }
                    }
                }).retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry())))) {
            S3StorageAdapter faulty = new S3StorageAdapter(failing, new S3Location(bucket, "cometly/raw"),
                    new S3PartBudget(5 * 1024 * 1024, 3), io.github.cometlyexport.domain.StoredFormat.GZIP);
            ExportFileKey key = new ExportFileKey(new ExportJobId(50), DAY);
            byte[] content = bytes(5 * 1024 * 1024 * 4, 50);
            assertThatThrownBy(() -> {
                try (PendingExportFile pending = faulty.begin(key)) {
                    for (int i = 0; i < content.length; i += 65_536) {
                        pending.write(content, i, Math.min(65_536, content.length - i));
                    }
                    pending.publish(manifest(key, request("purchase"), content));
                }
            }).isInstanceOf(ExportStorageException.class).hasMessageContaining("part 2")
                    .hasMessageContaining("s3://" + bucket + "/cometly/raw/events/date=2024-01-15/");
            assertThat(inProgressUploads()).isZero();
            assertThat(anythingVisible(key)).isFalse();
        }
    }

    @Test
    void givenMissingBucket_whenBegun_thenStorageErrorNamesTheLocationBeforeAnyByte() {
        S3StorageAdapter missing = new S3StorageAdapter(s3, new S3Location("no-such-bucket-x", ""),
                S3StorageAdapter.DEFAULT_PART_SIZE);
        ExportFileKey key = new ExportFileKey(new ExportJobId(33), DAY);
        // Beginning a day first clears uploads that dead runs left, which already meets the missing bucket.
        assertThatThrownBy(() -> missing.begin(key)).isInstanceOf(ExportStorageException.class)
                .hasMessageContaining("s3://no-such-bucket-x/events/date=2024-01-15/");
    }

    @Test
    void givenS3Uris_whenParsed_thenBucketAndPrefix() {
        assertThat(S3Location.parse("s3://my-bucket/a/b/")).isEqualTo(new S3Location("my-bucket", "a/b"));
        assertThat(S3Location.parse("s3://my-bucket").key("x")).isEqualTo("x");
        assertThatThrownBy(() -> S3Location.parse("https://my-bucket/x")).hasMessageContaining("s3://bucket/prefix");
        assertThatThrownBy(() -> S3Location.parse("s3://AB/x")).hasMessageContaining("bucket name");
    }
}
