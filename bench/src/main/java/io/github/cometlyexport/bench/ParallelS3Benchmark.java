package io.github.cometlyexport.bench;

import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.simulator.LineProfile;
import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.S3ProxyServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Memory under load: one CLI process ({@code -Xmx64m}, SerialGC, as the launcher runs it but with a smaller heap)
 * backfills N days of 1M realistic events each into S3 (S3Proxy on disk) with {@code --parallel N}. The simulator
 * generates the day's file once and serves it for every day (generating 32 such files would take longer than the
 * run), on a clock 10× fast so that the create limit lets all days start within seconds. Checks that every day's
 * object is the served file, byte for byte. With a fourth argument, the days are all in flight at once
 * ({@code --jobs-in-flight <days>}) and downloaded by that many threads ({@code --parallel}): memory and threads are
 * then bounded by the download pool, and the peak of live threads is sampled from {@code /proc}. Usage:
 * {@code ParallelS3Benchmark <days> <events> <work-dir> [downloads]}.
 */
public final class ParallelS3Benchmark {
    private ParallelS3Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int days = Integer.parseInt(args[0]);
        long events = Long.parseLong(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        int downloads = args.length > 3 ? Integer.parseInt(args[3]) : days;
        long factor = 10;
        String key = "bench_parallel_" + System.nanoTime();
        try (CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder().key(key, "par")
                .clock(SimulatorClocks.scaled(Instant.parse("2024-03-01T06:00:00Z"), factor)).defaultEvents(events)
                .lineProfile(LineProfile.REALISTIC).shareFiles(true)
                .scriptCycle(List.of(JobScript.builder().timeline(Duration.ZERO, Duration.ZERO).build())).build());
             S3ProxyServer s3 = S3ProxyServer.onDisk(Files.createDirectories(work.resolve("s3")))) {
            s3.createBucket("bench");
            LocalDate from = LocalDate.of(2024, 1, 1);
            LocalDate to = from.plusDays(days - 1);
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/time", "-v",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                    "-XX:+UseSerialGC", "-Dbench.rateWindowMs=" + 60_000 / factor, "-cp",
                    System.getProperty("java.class.path"), BenchCli.class.getName(), "backfill", "--from",
                    from.toString(), "--to", to.toString(), "--parallel", Integer.toString(downloads),
                    "--jobs-in-flight", Integer.toString(Math.max(days, 1)), "--out",
                    "s3://bench/parallel", "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style", "--quiet",
                    "--ledger", "none").redirectErrorStream(true).redirectOutput(work.resolve("cli.log").toFile());
            pb.environment().put("COMETLY_API_KEY", key);
            pb.environment().put("COMETLY_BASE_URL", sim.baseUrl().toString());
            pb.environment().put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS);
            pb.environment().put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET);
            pb.environment().put("AWS_REGION", "us-east-1");
            long t0 = System.nanoTime();
            Process process = pb.start();
            java.util.concurrent.atomic.AtomicInteger peakThreads = new java.util.concurrent.atomic.AtomicInteger();
            Thread sampler = new Thread(() -> {
                // The child is /usr/bin/time; the JVM is its child.
                Path status = null;
                while (process.isAlive()) {
                    try {
                        if (status == null) {
                            status = process.children().findFirst().map(c -> Path.of("/proc", c.pid() + "",
                                    "status")).orElse(null);
                        }
                        if (status != null) {
                            for (String line : Files.readAllLines(status)) {
                                if (line.startsWith("Threads:")) {
                                    peakThreads.accumulateAndGet(Integer.parseInt(line.substring(8).trim()),
                                            Math::max);
                                }
                            }
                        }
                        Thread.sleep(50);
                    } catch (java.io.IOException | InterruptedException | RuntimeException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            int code = process.waitFor();
            double wall = (System.nanoTime() - t0) / 1e9;
            String log = Files.readString(work.resolve("cli.log"));
            String rss = log.lines().filter(l -> l.contains("Maximum resident set size")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 + " MB").orElse("?");
            String served;
            long size;
            try (InputStream in = new java.io.ByteArrayInputStream(sim.servedBytes(1001))) {
                byte[] bytes = in.readAllBytes();
                size = bytes.length;
                served = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            }
            int identical = 0;
            int objects = 0;
            try (S3Client client = S3ProxyServer.client(s3.endpoint())) {
                for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket("bench").prefix("parallel/"))
                        .contents()) {
                    if (!o.key().endsWith(".ndjson.gz")) {
                        continue;
                    }
                    objects++;
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    try (InputStream in = client.getObject(b -> b.bucket("bench").key(o.key()))) {
                        byte[] buf = new byte[1 << 16];
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            sha.update(buf, 0, n);
                        }
                    }
                    if (HexFormat.of().formatHex(sha.digest()).equals(served)) {
                        identical++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "### 2b. `backfill --jobs-in-flight %d --parallel %d` of %d days × %,d "
                    + "realistic events (%,d bytes gzip each) into S3 (S3Proxy on disk), `-Xmx64m -XX:+UseSerialGC`%n%n",
                    days, downloads, days, events, size);
            System.out.println("| measure | value | target |\n|---|---|---|");
            System.out.printf(Locale.ROOT, "| exit code | %d | 0 (passes with a 64 MB heap) |%n", code);
            System.out.printf(Locale.ROOT, "| day objects identical to the served file | %d of %d | %d |%n",
                    identical, objects, days);
            System.out.printf(Locale.ROOT, "| peak RSS | %s | ≤ 250 MB |%n", rss);
            System.out.printf(Locale.ROOT, "| peak live threads (JVM, all of them) | %d | the download pool (%d) + a "
                    + "small constant |%n", peakThreads.get(), downloads);
            System.out.printf(Locale.ROOT, "| wall time | %.1f s (%.0f MB/s of gzip stored) | |%n%n", wall,
                    size * (double) days / wall / 1e6);
            if (code != 0) {
                System.out.println("```\n" + log.lines().filter(l -> !l.startsWith("\t")).limit(40)
                        .reduce("", (a, b) -> a + b + "\n") + "```\n");
            }
        }
    }
}
