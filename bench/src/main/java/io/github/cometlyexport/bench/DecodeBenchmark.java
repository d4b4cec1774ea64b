package io.github.cometlyexport.bench;

import io.github.cometlyexport.adapter.http.CometlyHttpAdapter;
import io.github.cometlyexport.adapter.http.CometlyHttpConfig;
import io.github.cometlyexport.adapter.http.HttpDownloadAdapter;
import io.github.cometlyexport.adapter.ndjson.ExportEvent;
import io.github.cometlyexport.adapter.ndjson.ExportEventReader;
import io.github.cometlyexport.adapter.ndjson.JsonLinesVerifierAdapter;
import io.github.cometlyexport.adapter.ndjson.NdjsonShapeVerifierAdapter;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import java.time.Clock;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driven.DownloadOpening;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Decoding throughput on one export file served by the simulator: a plain {@link GZIPInputStream} read (the floor),
 * inflate + the core's shape check, inflate + the JSON-P verifier, and the typed event stream. Prints a Markdown
 * table: median and min–max seconds over the rounds, events/s and inflated MB/s. Not a test: run it with
 * {@code bench/decode.sh}.
 */
public final class DecodeBenchmark {
    private DecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path file = fetch(events);
        try {
            long inflated = inflatedSize(file);
            System.out.printf(Locale.ROOT, "Decoding %,d events: %,d bytes gzip, %,d bytes NDJSON, %d rounds each "
                    + "(alternating), Java %s, %d cores%n%n", events, Files.size(file), inflated, rounds,
                    Runtime.version(), Runtime.getRuntime().availableProcessors());
            List<String> names = List.of("gzip read only (floor)", "inflate + shape check (core)",
                    "inflate + JSON-P verify (adapter)", "typed events (ExportEventReader)");
            List<List<Double>> times = new ArrayList<>();
            names.forEach(n -> times.add(new ArrayList<>()));
            for (int r = 0; r < rounds; r++) {
                times.get(0).add(time(() -> inflateOnly(file)));
                times.get(1).add(time(() -> verify(file, new NdjsonShapeVerifierAdapter())));
                times.get(2).add(time(() -> verify(file, new JsonLinesVerifierAdapter())));
                times.get(3).add(time(() -> typed(file)));
            }
            System.out.println("| pipeline | median s | min–max s | events/s | MB/s (NDJSON) |");
            System.out.println("|---|---|---|---|---|");
            for (int i = 0; i < names.size(); i++) {
                List<Double> t = new ArrayList<>(times.get(i));
                Collections.sort(t);
                double median = t.get(t.size() / 2);
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f–%.2f | %,.0f | %.0f |%n", names.get(i), median,
                        t.get(0), t.get(t.size() - 1), events / median, inflated / median / 1e6);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double time(Supplier<Long> run) {
        long start = System.nanoTime();
        long result = run.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result < 0) {
            throw new IllegalStateException("impossible count");
        }
        return seconds;
    }

    private static long inflatedSize(Path file) {
        return inflateOnly(file);
    }

    private static long inflateOnly(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long verify(Path file, VerifyExportLinesPort port) {
        VerifyExportLinesPort.LineVerifier verifier = port.start();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                verifier.accept(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return verifier.finish();
    }

    private static long typed(Path file) {
        try (Stream<ExportEvent> stream = ExportEventReader.events(Files.newInputStream(file))) {
            return stream.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Has the simulator make an export and downloads it through the adapters to a temporary file. */
    static Path fetch(long events) throws Exception {
        String key = "bench_key_" + System.nanoTime();
        SimulatorConfig config = SimulatorConfig.defaults().toBuilder().key(key, "bench").defaultEvents(events)
                .rateLimits(5, 100_000)
                .scriptCycle(List.of(JobScript.builder().timeline(Duration.ZERO, Duration.ZERO).build())).build();
        Path file = Files.createTempFile("cometly-bench", ".json.gz");
        try (CometlySimulator sim = CometlySimulator.start(config)) {
            CometlyHttpConfig http = CometlyHttpConfig.defaults(new ApiKey(key)).toBuilder().baseUrl(sim.baseUrl())
                    .build();
            try (CometlyHttpAdapter api = CometlyHttpAdapter.create(http, SpaceBudgets.inProcess(10_000, 100,
                    Duration.ofMinutes(1), Clock.systemUTC(), Sleeper.system()));
                 HttpDownloadAdapter downloads = HttpDownloadAdapter.create(http)) {
                ExportJobId id = api.create(ExportRequest.builder().date("2024-01-15").build());
                ExportJob job = api.fetch(id);
                while (!(job instanceof ExportJob.Completed)) {
                    java.util.concurrent.TimeUnit.MILLISECONDS.sleep(100);
                    job = api.fetch(id);
                }
                try (DownloadOpening.Opened o = (DownloadOpening.Opened) downloads.open(
                        ((ExportJob.Completed) job).downloadUrl(), 0, null)) {
                    Files.copy(o.body(), file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return file;
    }
}
