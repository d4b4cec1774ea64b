package io.github.cometlyexport.app.cli;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3Proxy on loopback with SigV4, for CLI runs with an {@code s3://} destination. */
final class S3ProxyForCli implements AutoCloseable {
    static final String ACCESS = "cli-access";
    static final String SECRET = "cli-secret-key";
    private final S3Proxy proxy;
    private final S3Client client;

    private S3ProxyForCli() throws Exception {
        proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).stopTimeout(0)
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        for (int i = 0; i < 100_000 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.yield();
        }
        client = S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .httpClient(Apache5HttpClient.create()).build();
    }

    static S3ProxyForCli start() throws Exception {
        return new S3ProxyForCli();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    long size(String bucket, String key) {
        return client.headObject(b -> b.bucket(bucket).key(key)).contentLength();
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
