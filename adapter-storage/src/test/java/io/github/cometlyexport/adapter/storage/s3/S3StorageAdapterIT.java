package io.github.cometlyexport.adapter.storage.s3;

import io.github.cometlyexport.testing.S3ProxyServer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The S3 store against S3Proxy in this JVM, through a client with the SDK's defaults (as a host's own might be). */
class S3StorageAdapterIT extends S3StoreContract {
    private static S3ProxyServer server;
    private static S3Client shared;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.inMemory();
        shared = S3ProxyServer.client(server.endpoint());
    }

    @AfterAll
    static void stopServer() {
        shared.close();
        server.close();
    }

    @Override
    protected S3Client client(UnaryOperator<S3ClientBuilder> customize) {
        return S3ProxyServer.client(server.endpoint(), customize);
    }

    @Override
    protected S3Client sharedClient() {
        return shared;
    }
}
