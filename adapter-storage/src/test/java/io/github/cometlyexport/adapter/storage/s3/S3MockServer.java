package io.github.cometlyexport.adapter.storage.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Adobe S3Mock, an S3 server written independently of S3Proxy, run from its runnable jar as a child JVM (the build
 * copies the jar and names it in the {@code s3mock.jar} system property). It starts in seconds, checks no
 * credentials, and is stopped (with its temporary store) by {@link #close()}.
 */
final class S3MockServer implements AutoCloseable {
    private final Process process;
    private final Path root;
    private final int port;
    private final Deque<String> lastLines = new ArrayDeque<>();

    private S3MockServer(Process process, Path root, int port) {
        this.process = process;
        this.root = root;
        this.port = port;
    }

    /**
     * @return a running server on a free loopback port
     * @throws IOException when it cannot be started
     */
    static S3MockServer start() throws IOException {
        String jar = System.getProperty("s3mock.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no S3Mock jar at " + jar + " (the build copies it to target/s3mock)");
        }
        Path root = Files.createTempDirectory("s3mock");
        int httpPort = freePort();
        // Its plain-HTTP port is the one used; the HTTPS one (server.port) is bound to loopback on a port of the
        // kernel's choice so that it cannot clash.
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar, "--server.port=0",
                "--server.address=127.0.0.1", "--com.adobe.testing.s3mock.httpPort=" + httpPort,
                "--com.adobe.testing.s3mock.store.root=" + root, "--spring.main.banner-mode=off");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        S3MockServer server = new S3MockServer(process, root, httpPort);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> server.read(started), "s3mock-output");
        reader.setDaemon(true);
        reader.start();
        try {
            // Its log says when Tomcat listens; nothing is guessed from a delay.
            started.get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IOException("interrupted while S3Mock started", e);
        } catch (ExecutionException | TimeoutException e) {
            server.close();
            throw new IOException("S3Mock did not start: " + server.lastLines(), e);
        }
        return server;
    }

    private void read(CompletableFuture<Void> started) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 40) {
                        lastLines.removeFirst();
                    }
                }
                if (line.contains("Started S3MockApplication")) {
                    started.complete(null);
                }
            }
            started.completeExceptionally(new IllegalStateException("S3Mock exited: " + process.waitFor()));
        } catch (IOException e) {
            started.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.completeExceptionally(e);
        }
    }

    private String lastLines() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** @return {@code http://127.0.0.1:<port>} */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * The client {@code --s3-endpoint} builds ({@link S3StorageAdapter#clientBuilder}: path style, checksums only
     * where required, bodies not {@code aws-chunked}), with credentials (S3Mock checks none).
     *
     * @param customize more settings (an interceptor, say)
     * @return a new client, closed by the caller
     */
    S3Client client(UnaryOperator<S3ClientBuilder> customize) {
        return customize.apply(S3StorageAdapter.clientBuilder(endpoint(), true).credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))).build();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
