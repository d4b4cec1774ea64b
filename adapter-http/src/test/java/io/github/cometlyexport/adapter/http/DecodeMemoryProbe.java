package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.out.DownloadOpening;
import io.github.cometlyexport.port.out.Sleeper;
import io.github.cometlyexport.port.out.VerifyExportLinesPort;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Run in a forked JVM with a small heap by {@link DecodeMemoryIT}: downloads an N-event export from the simulator
 * through the adapters to a temporary file, then verifies it with the JSON-P verifier and reads it back as typed
 * events, and prints the counts and the heap's peak.
 */
public final class DecodeMemoryProbe {
    private DecodeMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(args[0]);
        String key = TestSupport.uniqueKey();
        SimulatorConfig config = SimulatorConfig.defaults().toBuilder().key(key, "bench").defaultEvents(events).rateLimits(5, 100_000)
                .gzipLevel(1).scriptCycle(List.of(JobScript.builder().timeline(Duration.ZERO, Duration.ZERO).build()))
                .build();
        Path file = Files.createTempFile("decode-probe", ".json.gz");
        try (CometlySimulator sim = CometlySimulator.start(config)) {
            CometlyHttpConfig http = CometlyHttpConfig.defaults(new ApiKey(key)).toBuilder().baseUrl(sim.baseUrl())
                    .rateLimits(10_000, 100, Duration.ofMinutes(1)).build();
            try (CometlyHttpAdapter api = TestSupport.adapter(http, Clock.systemUTC(), Sleeper.system());
                 HttpDownloadAdapter downloads = HttpDownloadAdapter.create(http)) {
                ExportJobId id = api.create(ExportRequest.builder().date("2024-01-15").build());
                long created = System.nanoTime();
                ExportJob job = api.fetch(id);
                while (!(job instanceof ExportJob.Completed)) {
                    java.util.concurrent.TimeUnit.MILLISECONDS.sleep(50);
                    job = api.fetch(id);
                }
                System.err.println("completed after " + (System.nanoTime() - created) / 1e9 + " s");
                long dl = System.nanoTime();
                try (DownloadOpening.Opened o = (DownloadOpening.Opened) downloads.open(
                        ((ExportJob.Completed) job).downloadUrl(), 0, null)) {
                    Files.copy(o.body(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                System.err.println("downloaded in " + (System.nanoTime() - dl) / 1e9 + " s");
            }
        }
        long t0 = System.nanoTime();
        try {
            VerifyExportLinesPort.LineVerifier verifier = new JsonLinesVerifierAdapter().start();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    verifier.accept(buffer, 0, n);
                }
            }
            long verified = verifier.finish();
            long t1 = System.nanoTime();
            long typed;
            try (Stream<ExportEvent> stream = ExportEventReader.events(Files.newInputStream(file))) {
                typed = stream.count();
            }
            long t2 = System.nanoTime();
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("verified=" + verified + " typed=" + typed + " gzipBytes=" + Files.size(file)
                    + " peakHeapBytes=" + peak + " verifySeconds=" + (t1 - t0) / 1e9 + " typedSeconds="
                    + (t2 - t1) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
