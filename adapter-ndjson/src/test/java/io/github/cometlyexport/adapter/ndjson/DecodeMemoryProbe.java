package io.github.cometlyexport.adapter.ndjson;

import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.ForkedJvm;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Run in a forked JVM with a small heap by {@link DecodeMemoryIT}: fetches an N-event export file from the
 * simulator (plain JDK HTTP: this module knows no HTTP adapter), verifies it with the JSON-P verifier, reads it back
 * as typed events, and prints the counts and the heap's peak.
 */
public final class DecodeMemoryProbe {
    private DecodeMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(args[0]);
        Path file = Files.createTempFile("decode-probe", ".json.gz");
        try {
            fetch(events, file);
            long t0 = System.nanoTime();
            long verified;
            try (VerifyExportLinesPort.LineVerifier verifier = new JsonLinesVerifierAdapter().start();
                 InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    verifier.accept(buffer, 0, n);
                }
                verified = verifier.finish();
            }
            long t1 = System.nanoTime();
            long typed;
            try (Stream<ExportEvent> stream = ExportEventReader.events(Files.newInputStream(file))) {
                typed = stream.count();
            }
            long t2 = System.nanoTime();
            System.out.println("verified=" + verified + " typed=" + typed + " gzipBytes=" + Files.size(file)
                    + " peakHeapBytes=" + ForkedJvm.peakHeapBytes() + " verifySeconds=" + (t1 - t0) / 1e9
                    + " typedSeconds=" + (t2 - t1) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void fetch(long events, Path file) throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().toBuilder().defaultEvents(events).gzipLevel(1)
                .rateLimits(5, 100_000)
                .scriptCycle(List.of(JobScript.builder().timeline(Duration.ZERO, Duration.ZERO).build())).build();
        HttpClient http = HttpClient.newHttpClient();
        try (CometlySimulator sim = CometlySimulator.start(config)) {
            URI exports = URI.create(sim.baseUrl() + "/events/exports");
            JsonObject created = json(http.send(request(exports, sim).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"date\":\"2024-01-15\"}")).build(), HttpResponse.BodyHandlers.ofString()).body());
            URI job = URI.create(exports + "/" + created.getJsonNumber("export_id").longValue());
            String link = null;
            while (link == null) {
                link = json(http.send(request(job, sim).GET().build(), HttpResponse.BodyHandlers.ofString()).body())
                        .getString("download_url", null);
                if (link == null) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
            http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofFile(file));
        }
    }

    private static HttpRequest.Builder request(URI uri, CometlySimulator sim) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + sim.demoKey())
                .header("Content-Type", "application/json");
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
