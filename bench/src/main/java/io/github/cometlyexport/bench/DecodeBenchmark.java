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
import io.github.cometlyexport.simulator.LineProfile;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Decoding throughput on one export file served by the simulator: a plain {@link GZIPInputStream} read (the floor),
 * inflate + the shape check, inflate + the full JSON verifier, and the typed event stream. Prints a Markdown
 * table: median and min–max seconds over the rounds, events/s and inflated MB/s. Not a test: run it with
 * {@code bench/decode.sh [events] [rounds] [compact|realistic] [pipeline name part]}; the last argument runs only
 * the pipelines whose name contains it (for profiling one of them).
 */
public final class DecodeBenchmark {
    private DecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        LineProfile lines = args.length > 2 ? LineProfile.valueOf(args[2].toUpperCase(Locale.ROOT))
                : LineProfile.REALISTIC;
        String only = args.length > 3 ? args[3] : "";
        // -Dbench.file=PATH keeps the generated file there and reuses it on the next run (profiling runs).
        String keep = System.getProperty("bench.file");
        Path fetched = keep != null && Files.exists(Path.of(keep)) ? Path.of(keep) : fetch(events, lines);
        if (keep != null && !fetched.equals(Path.of(keep))) {
            Files.move(fetched, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }
        Path file = keep != null ? Path.of(keep) : fetched;
        try {
            long inflated = inflatedSize(file);
            System.out.printf(Locale.ROOT, "Decoding %,d %s events: %,d bytes gzip, %,d bytes NDJSON (%d bytes a "
                    + "line), %d rounds each (alternating), Java %s, %d cores%n%n", events,
                    lines.name().toLowerCase(Locale.ROOT), Files.size(file), inflated, inflated / Math.max(1, events),
                    rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
            Map<String, Supplier<Long>> pipelines = new LinkedHashMap<>();
            pipelines.put("gzip read only (floor)", () -> inflateOnly(file));
            pipelines.put("inflate + shape check", () -> verify(file, new NdjsonShapeVerifierAdapter()));
            pipelines.put("inflate + full JSON verify", () -> verify(file, new JsonLinesVerifierAdapter()));
            pipelines.put("typed events (ExportEventReader)", () -> typed(file));
            pipelines.keySet().removeIf(name -> !name.contains(only));
            List<String> names = new ArrayList<>(pipelines.keySet());
            List<List<Double>> times = new ArrayList<>();
            names.forEach(n -> times.add(new ArrayList<>()));
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < names.size(); i++) {
                    times.get(i).add(time(pipelines.get(names.get(i))));
                }
            }
            System.out.println("| pipeline (" + lines.name().toLowerCase(Locale.ROOT) + " lines) | median s | "
                    + "min–max s | events/s | MB/s (NDJSON) |");
            System.out.println("|---|---|---|---|---|");
            for (int i = 0; i < names.size(); i++) {
                List<Double> t = new ArrayList<>(times.get(i));
                Collections.sort(t);
                double median = t.get(t.size() / 2);
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f–%.2f | %,.0f | %.0f |%n", names.get(i), median,
                        t.get(0), t.get(t.size() - 1), events / median, inflated / median / 1e6);
            }
        } finally {
            if (keep == null) {
                Files.deleteIfExists(file);
            }
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

    /** Inflates the file once to size it; a kept file's size is kept beside it, so a profiled run does not. */
    private static long inflatedSize(Path file) {
        Path known = file.resolveSibling(file.getFileName() + ".size");
        try {
            if (Files.exists(known)) {
                return Long.parseLong(Files.readString(known).strip());
            }
            long size = inflateOnly(file);
            if (System.getProperty("bench.file") != null) {
                Files.writeString(known, Long.toString(size));
            }
            return size;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
    static Path fetch(long events, LineProfile lines) throws Exception {
        String key = "bench_key_" + System.nanoTime();
        SimulatorConfig config = SimulatorConfig.defaults().toBuilder().key(key, "bench").defaultEvents(events)
                .lineProfile(lines)
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
