package io.github.cometlyexport.adapter.storage.s3;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 store against Adobe S3Mock, a second S3 implementation in a JVM of its own, through a client configured
 * as for any S3-compatible store ({@code --s3-endpoint}: endpoint, path style, checksums only where required).
 */
class S3MockStoreIT extends S3StoreContract {
    private static S3MockServer server;
    private static S3Client shared;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3MockServer.start();
        shared = server.client(b -> b);
    }

    @AfterAll
    static void stopServer() {
        if (shared != null) {
            shared.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected S3Client client(UnaryOperator<S3ClientBuilder> customize) {
        return server.client(customize);
    }

    @Override
    protected S3Client sharedClient() {
        return shared;
    }
}
