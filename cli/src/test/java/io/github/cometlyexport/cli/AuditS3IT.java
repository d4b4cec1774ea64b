package io.github.cometlyexport.cli;

import io.github.cometlyexport.adapter.storage.s3.S3Location;
import io.github.cometlyexport.adapter.storage.s3.S3PartBudget;
import io.github.cometlyexport.adapter.storage.s3.S3StorageAdapter;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.testing.S3ProxyServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code audit} of a table on S3 (S3Proxy in this JVM, SigV4): the same findings as in a folder. */
class AuditS3IT extends AuditContract {
    private static final String BUCKET = "audit-lake";
    private static final String PREFIX = "lake/";
    private S3ProxyServer s3;

    @BeforeEach
    void startS3() throws Exception {
        s3 = S3ProxyServer.inMemory();
        s3.createBucket(BUCKET);
        // The AWS SDK reads credentials from its default chain; system properties are part of it.
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET);
    }

    @AfterEach
    void stopS3() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        s3.close();
    }

    @Override
    String out() {
        return "s3://" + BUCKET + "/lake";
    }

    @Override
    List<String> destinationOptions() {
        return List.of("--s3-endpoint", s3.endpoint().toString(), "--s3-path-style");
    }

    @Override
    StoreExportFilePort store() {
        return new S3StorageAdapter(s3.client(), S3Location.parse(out()), S3PartBudget.processWide(),
                StoredFormat.GZIP);
    }

    @Override
    byte[] read(String relative) {
        return s3.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(PREFIX + relative)).asByteArray();
    }

    @Override
    void write(String relative, byte[] bytes) {
        s3.client().putObject(b -> b.bucket(BUCKET).key(PREFIX + relative), RequestBody.fromBytes(bytes));
    }

    @Override
    void deletePartition(String relative) {
        for (S3Object o : s3.client().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(PREFIX + relative + "/"))
                .contents()) {
            s3.client().deleteObject(b -> b.bucket(BUCKET).key(o.key()));
        }
    }

    @Override
    void delete(String relative) {
        s3.client().deleteObject(b -> b.bucket(BUCKET).key(PREFIX + relative));
    }
}
