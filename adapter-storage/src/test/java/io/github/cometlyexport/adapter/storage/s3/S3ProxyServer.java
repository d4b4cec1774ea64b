package io.github.cometlyexport.adapter.storage.s3;

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

/** A real S3-protocol server (S3Proxy) on loopback, with SigV4 authentication on. */
public final class S3ProxyServer implements AutoCloseable {
    static final String ACCESS = "test-access";
    static final String SECRET = "test-secret-key";

    private final S3Proxy proxy;

    private S3ProxyServer(BlobStore store) throws Exception {
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .stopTimeout(0).ignoreUnknownHeaders(true).build();
        proxy.start();
        for (int i = 0; i < 2000 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
    }

    public static S3ProxyServer inMemory() throws Exception {
        return new S3ProxyServer(new TransientNio2BlobStore());
    }

    public static S3ProxyServer onDisk(Path dir) throws Exception {
        return new S3ProxyServer(new FilesystemNio2BlobStore(dir.toString()));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public static S3Client client(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .httpClient(Apache5HttpClient.create()).build();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
