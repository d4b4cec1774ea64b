package io.github.cometlyexport.simulator;

import io.github.cometlyexport.testing.ForkedJvm;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Run in a forked JVM with a small heap by {@link SimulatorMemoryIT}: serves an N-event export from a simulator
 * and reads it back through HTTP, streaming, then prints what it saw and the heap's peak.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(args[0]);
        SimulatorConfig config = SimulatorConfig.defaults().toBuilder().defaultEvents(events).gzipLevel(1)
                .rateLimits(5, 100_000)
                .scriptCycle(List.of(JobScript.builder().timeline(Duration.ZERO, Duration.ZERO).build())).build();
        try (CometlySimulator sim = CometlySimulator.start(config)) {
            URI exports = URI.create(sim.baseUrl() + "/events/exports");
            String created = Http.post(exports, sim.demoKey(), "{\"date\":\"2024-01-15\"}").body();
            URI job = URI.create(exports + "/" + Http.field(created, "export_id"));
            String link = null;
            for (int i = 0; i < 6_000 && link == null; i++) {
                link = Http.field(Http.get(job, sim.demoKey()).body(), "download_url");
                if (link == null) {
                    java.util.concurrent.TimeUnit.MILLISECONDS.sleep(20);
                }
            }
            HttpResponse<InputStream> r = Http.send(HttpRequest.newBuilder(URI.create(link)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long lines = 0;
            long inflated = 0;
            try (InputStream in = new GZIPInputStream(r.body(), 1 << 16)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    inflated += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            long peak = ForkedJvm.peakHeapBytes();
            System.out.println("events=" + lines + " inflated=" + inflated + " gzip="
                    + r.headers().firstValue("Content-Length").orElse("?") + " peakHeapBytes=" + peak);
        }
    }
}
