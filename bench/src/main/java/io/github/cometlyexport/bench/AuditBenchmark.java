package io.github.cometlyexport.bench;

import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import io.github.cometlyexport.adapter.storage.s3.S3Location;
import io.github.cometlyexport.adapter.storage.s3.S3PartBudget;
import io.github.cometlyexport.adapter.storage.s3.S3StorageAdapter;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.StoreExportFilePort;
import io.github.cometlyexport.testing.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code audit} without {@code --deep} of a table of many stored days, in a local folder and on S3 (S3Proxy on disk,
 * in this JVM): each round is a fresh process of the CLI's jar started as the launcher starts it ({@code -Xmx128m
 * -XX:+UseSerialGC}, its class-data archive when there is one), timed from start to exit, as cron runs it. The days are written through the stores as the export path writes them (a small gzip file and its
 * manifest each: without {@code --deep} the audit reads listings and manifests, never the data). Prints a Markdown
 * table. {@code AuditBenchmark <days> <rounds> <work-dir> <cli-jar> [class-data archive]}.
 */
public final class AuditBenchmark {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int days = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-XX:+UseSerialGC"));
        if (args.length > 4 && Files.isRegularFile(Path.of(args[4]))) {
            java.addAll(List.of("-XX:SharedArchiveFile=" + args[4], "-Xshare:auto", "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off"));
        }
        java.addAll(List.of("-jar", args[3]));
        LocalDate from = LocalDate.of(2024, 1, 1);
        LocalDate to = from.plusDays(days - 1);
        byte[] gz = gzip(200);
        try (S3ProxyServer s3 = S3ProxyServer.onDisk(Files.createDirectories(work.resolve("s3")));
             S3Client client = S3ProxyServer.client(s3.endpoint())) {
            s3.createBucket("bench");
            Path local = work.resolve("local");
            fill(new LocalFileStorageAdapter(local), from, days, gz);
            fill(new S3StorageAdapter(client, S3Location.parse("s3://bench/audit"), S3PartBudget.processWide(),
                    StoredFormat.GZIP), from, days, gz);
            List<Double> localTimes = new ArrayList<>();
            List<Double> s3Times = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                localTimes.add(run(work, java, List.of("--out", local.toString()), from, to, s3));
                s3Times.add(run(work, java, List.of("--out", "s3://bench/audit", "--s3-endpoint", s3.endpoint().toString(),
                        "--s3-path-style"), from, to, s3));
            }
            System.out.println("| destination | median s | min–max s | target |");
            System.out.println("|---|---|---|---|");
            System.out.println(row("local folder", localTimes));
            System.out.println(row("S3 (S3Proxy on disk)", s3Times));
        }
    }

    private static void fill(StoreExportFilePort store, LocalDate from, int days, byte[] gz) throws Exception {
        store.claimTable(TableDefinition.of(ExportRequest.builder().date(from).build()));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(gz));
        for (int i = 0; i < days; i++) {
            LocalDate day = from.plusDays(i);
            ExportFileKey key = new ExportFileKey(new ExportJobId(1000 + i), day);
            try (PendingExportFile pending = store.begin(key)) {
                pending.write(gz, 0, gz.length);
                pending.publish(new ExportManifest(key.exportId(), day, ExportRequest.builder().date(day).build(),
                        gz.length, sha, 200, T, T, T, null, 1, false));
            }
        }
    }

    private static double run(Path work, List<String> java, List<String> destination, LocalDate from, LocalDate to,
                              S3ProxyServer s3) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of("audit", "--from", from.toString(), "--to", to.toString(), "--space-zone", "UTC",
                "--quiet"));
        command.addAll(destination);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("audit.log").toFile());
        pb.environment().put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET);
        pb.environment().put("AWS_REGION", "us-east-1");
        long t0 = System.nanoTime();
        int code = pb.start().waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("audit exited " + code + ": " + Files.readString(work.resolve("audit.log")));
        }
        return wall;
    }

    private static String row(String what, List<Double> times) {
        List<Double> sorted = times.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f–%.2f | ≤ 5 |", what, median, sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    private static byte[] gzip(int lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < lines; i++) {
                out.write(("{\"id\":" + i + ",\"event_name\":\"purchase\",\"amount\":12.5}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }
}
