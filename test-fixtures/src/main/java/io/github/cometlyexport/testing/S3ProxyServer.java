package io.github.cometlyexport.testing;

import java.net.URI;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A real S3-protocol server (S3Proxy) in this JVM on loopback, with SigV4 authentication on, and a client for it.
 * Tests that use it declare {@code s3proxy} and {@code jakarta.servlet-api} in test scope.
 */
public final class S3ProxyServer implements AutoCloseable {
    /** The access key id the server accepts. */
    public static final String ACCESS = "test-access";
    /** The secret key the server accepts. */
    public static final String SECRET = "test-secret-key";

    private final S3Proxy proxy;
    private final S3Client client;

    private S3ProxyServer(BlobStore store) throws Exception {
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .stopTimeout(0).ignoreUnknownHeaders(true).build();
        proxy.start();
        // start() returns before Jetty is up; its state says when it is.
        for (int i = 0; i < 1_000_000 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.yield();
        }
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
        client = client(endpoint());
    }

    /** @return a server that keeps objects in memory */
    public static S3ProxyServer inMemory() throws Exception {
        return new S3ProxyServer(new TransientNio2BlobStore());
    }

    /**
     * @param dir where to keep objects (survives the server, for tests that restart it)
     * @return a server that keeps objects on disk
     */
    public static S3ProxyServer onDisk(Path dir) throws Exception {
        return new S3ProxyServer(new FilesystemNio2BlobStore(dir.toString()));
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** @return this server's client (path style, SigV4); closed with the server */
    public S3Client client() {
        return client;
    }

    /**
     * @param endpoint an S3Proxy endpoint
     * @return a new client for it, which the caller closes
     */
    public static S3Client client(URI endpoint) {
        return client(endpoint, b -> b);
    }

    /**
     * @param endpoint  the server's endpoint
     * @param customize more settings for the client (an interceptor that injects a fault, say)
     * @return a client for this server's credentials, closed by the caller
     */
    public static S3Client client(URI endpoint, java.util.function.UnaryOperator<S3ClientBuilder> customize) {
        return customize.apply(S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .httpClient(Apache5HttpClient.create())).build();
    }

    /** @param bucket a bucket to create, at least 3 characters */
    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    /** @return the size of an object */
    public long size(String bucket, String key) {
        return client.headObject(b -> b.bucket(bucket).key(key)).contentLength();
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
