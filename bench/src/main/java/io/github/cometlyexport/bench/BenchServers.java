package io.github.cometlyexport.bench;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.LineProfile;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * Starts what {@code bench/run.sh} measures against, on loopback: a simulator serving one N-event export (already
 * completed) and an S3Proxy on disk with a bucket {@code bench}. Writes their coordinates as shell assignments to the
 * given file, then runs until killed. Usage: {@code BenchServers <events> <env-file> <s3-dir> [compact|realistic]}
 * (default realistic lines).
 */
public final class BenchServers {
    static final String ACCESS = "bench-access";
    static final String SECRET = "bench-secret-key";

    private BenchServers() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(args[0]);
        Path envFile = Path.of(args[1]);
        Path s3Dir = Files.createDirectories(Path.of(args[2]));
        LineProfile lines = args.length > 3 ? LineProfile.valueOf(args[3].toUpperCase(java.util.Locale.ROOT))
                : LineProfile.REALISTIC;
        CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().defaultEvents(events)
                .lineProfile(lines)
                .rateLimits(100, 10_000)
                .scriptCycle(List.of(JobScript.builder().timeline(Duration.ZERO, Duration.ZERO).build())).build());
        Files.createDirectories(s3Dir.resolve("bench"));
        S3Proxy proxy = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(s3Dir.toString()))
                .endpoint(URI.create("http://127.0.0.1:0")).awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS,
                        SECRET).stopTimeout(0).ignoreUnknownHeaders(true).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.onSpinWait();
        }
        HttpClient http = HttpClient.newHttpClient();
        String created = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/events/exports"))
                .header("Authorization", "Bearer " + sim.demoKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"date\":\"2024-01-15\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"export_id\":(\\d+)").matcher(created);
        if (!m.find()) {
            throw new IllegalStateException("no export id in " + created);
        }
        String id = m.group(1);
        URI status = URI.create(sim.baseUrl() + "/events/exports/" + id);
        String body = "";
        while (!body.contains("\"completed\"")) {
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(200);
            body = http.send(HttpRequest.newBuilder(status).header("Authorization", "Bearer " + sim.demoKey()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        byte[] served = sim.servedBytes(Long.parseLong(id));
        long size = served.length;
        long ndjson;
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(served))) {
            ndjson = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        Files.writeString(envFile, "BASE_URL=" + sim.baseUrl() + "\nAPI_KEY=" + sim.demoKey() + "\nEXPORT_ID=" + id
                + "\nGZIP_BYTES=" + size + "\nNDJSON_BYTES=" + ndjson + "\nS3_ENDPOINT=http://127.0.0.1:" + proxy.getPort()
                + "\nAWS_ACCESS_KEY_ID=" + ACCESS + "\nAWS_SECRET_ACCESS_KEY=" + SECRET + "\nAWS_REGION=us-east-1\n");
        new CountDownLatch(1).await();
    }
}
