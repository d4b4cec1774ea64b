package io.github.cometlyexport.adapter.storage.s3;

import io.github.cometlyexport.adapter.storage.InspectTablePortContract;
import io.github.cometlyexport.port.driven.InspectTablePort;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.testing.S3ProxyServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store, inspected, against S3Proxy in this JVM. */
class S3InspectTableIT extends InspectTablePortContract {
    private static S3ProxyServer server;
    private static S3Client s3;
    private String bucket;
    private S3StorageAdapter store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.inMemory();
        s3 = S3ProxyServer.client(server.endpoint());
    }

    @AfterAll
    static void stopServer() {
        s3.close();
        server.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = "inspect-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
        store = new S3StorageAdapter(s3, new S3Location(bucket, "cometly/raw"), S3StorageAdapter.DEFAULT_PART_SIZE);
    }

    @Override
    protected StoreExportFilePort writer() {
        return store;
    }

    @Override
    protected InspectTablePort inspector() {
        return store;
    }

    @Override
    protected void putRaw(String relative, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key("cometly/raw/" + relative), RequestBody.fromBytes(bytes));
    }
}
