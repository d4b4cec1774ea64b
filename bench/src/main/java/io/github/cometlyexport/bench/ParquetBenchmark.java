package io.github.cometlyexport.bench;

import io.github.cometlyexport.adapter.ndjson.JsonLinesVerifierAdapter;
import io.github.cometlyexport.adapter.parquet.ParquetConversionAdapter;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.internal.GzipMembersInputStream;
import io.github.cometlyexport.port.driven.ConvertExportFilePort;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import io.github.cometlyexport.simulator.LineProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Parquet: converting one realistic day (inflate + convert on one thread; and as the product does it, with the full
 * JSON check on parser threads beside), the stored size against the gzip, the heap it took, and a DuckDB aggregate
 * over a table of many days as Parquet and as NDJSON.gz. Not a test: run it with
 * {@code bench/parquet.sh [events] [rounds] [query days] [events a query day]} (in {@code -Xmx64m}).
 */
public final class ParquetBenchmark {
    private static final int BUFFER = 256 * 1024;

    private ParquetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        long dayEvents = args.length > 3 ? Long.parseLong(args[3]) : 200_000;
        Path work = Files.createTempDirectory("cometly-parquet-bench");
        try {
            Path gzip = DecodeBenchmark.fetch(events, LineProfile.REALISTIC);
            Path parquet = work.resolve("day.parquet");
            System.out.printf(Locale.ROOT, "Converting %,d realistic events (%,d bytes gzip), %d rounds each, "
                            + "Java %s, %d cores, max heap %d MB%n%n", events, Files.size(gzip), rounds,
                    Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.println("| pipeline | median s | min–max s | rows/s |");
            System.out.println("|---|---|---|---|");
            for (VerifyExportLinesPort check : new VerifyExportLinesPort[] {null, new JsonLinesVerifierAdapter()}) {
                List<Double> times = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    long start = System.nanoTime();
                    long rows = convert(gzip, parquet, check);
                    times.add((System.nanoTime() - start) / 1e9);
                    if (rows != events) {
                        throw new IllegalStateException(rows + " rows from " + events + " events");
                    }
                }
                Collections.sort(times);
                double median = times.get(times.size() / 2);
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f–%.2f | %,.0f |%n", check == null
                        ? "inflate + convert (one thread)" : "inflate + full JSON verify + convert (the product's)",
                        median, times.get(0), times.get(times.size() - 1), events / median);
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf(Locale.ROOT, "%nStored: %,d bytes Parquet against %,d bytes gzip: %.2fx; heap peak (sum "
                    + "of the pools' peaks) %d MB of %d MB%n%n", Files.size(parquet), Files.size(gzip),
                    (double) Files.size(parquet) / Files.size(gzip), peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
            Files.delete(gzip);
            query(work, days, dayEvents, rounds);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Inflates, optionally verifies, and converts, as the download service does, into {@code out}. */
    static long convert(Path gzip, Path out, VerifyExportLinesPort check) throws IOException {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = new GzipMembersInputStream(Files.newInputStream(gzip), 64 * 1024);
             OutputStream file = Files.newOutputStream(out);
             VerifyExportLinesPort.LineVerifier verifier = check == null ? null : check.start();
             ConvertExportFilePort.LineConverter converter = new ParquetConversionAdapter().start(Dataset.EVENTS,
                     file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (verifier != null) {
                    verifier.accept(buffer, 0, n);
                }
                converter.accept(buffer, 0, n);
            }
            long rows = converter.finish();
            if (verifier != null && verifier.finish() != rows) {
                throw new IllegalStateException("verified and converted counts differ");
            }
            return rows;
        }
    }

    /** The same aggregate over {@code days} partitions of one day's file, as Parquet and as NDJSON.gz. */
    private static void query(Path work, int days, long dayEvents, int rounds) throws Exception {
        Path gzip = DecodeBenchmark.fetch(dayEvents, LineProfile.REALISTIC);
        Path parquet = work.resolve("query-day.parquet");
        convert(gzip, parquet, null);
        for (int d = 1; d <= days; d++) {
            String date = java.time.LocalDate.of(2024, 1, 1).plusDays(d - 1).toString();
            Path gzDir = Files.createDirectories(work.resolve("ndjson/events/date=" + date));
            Path pqDir = Files.createDirectories(work.resolve("parquet/events/date=" + date));
            Files.copy(gzip, gzDir.resolve("events-" + date + ".ndjson.gz"));
            Files.copy(parquet, pqDir.resolve("events-" + date + ".parquet"));
        }
        Files.delete(gzip);
        String sql = "SELECT date, event_name, count(*), round(sum(amount), 2), max(event_time_utc) FROM %s "
                + "GROUP BY ALL ORDER BY ALL";
        String pq = "read_parquet('" + work + "/parquet/events/*/*.parquet', hive_partitioning = true)";
        String nd = "read_ndjson('" + work + "/ndjson/events/*/*.ndjson.gz', hive_partitioning = true, columns = "
                + "{id: 'VARCHAR', event_name: 'VARCHAR', event_time_utc: 'TIMESTAMPTZ', amount: 'DOUBLE'})";
        System.out.printf(Locale.ROOT, "DuckDB aggregate (count, sum(amount), max(time) by day and event name) over "
                + "%d days × %,d realistic events (%,d rows), %d rounds after one warm-up, DuckDB's default threads:%n%n",
                days, dayEvents, days * dayEvents, rounds);
        System.out.println("| table | bytes on disk | median s | min–max s |");
        System.out.println("|---|---|---|---|");
        List<List<String>> answers = new ArrayList<>();
        double[] medians = new double[2];
        String[] names = {"Parquet (ZSTD)", "NDJSON.gz"};
        String[] tables = {pq, nd};
        String[] dirs = {"parquet", "ndjson"};
        for (int t = 0; t < 2; t++) {
            answers.add(run(sql.replace("%s", tables[t])));
            List<Double> times = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                run(sql.replace("%s", tables[t]));
                times.add((System.nanoTime() - start) / 1e9);
            }
            Collections.sort(times);
            medians[t] = times.get(times.size() / 2);
            long bytes;
            try (var files = Files.walk(work.resolve(dirs[t]))) {
                bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f–%.2f |%n", names[t], bytes, medians[t],
                    times.get(0), times.get(times.size() - 1));
        }
        System.out.printf(Locale.ROOT, "%nParquet is %.1fx faster; the answers are %s.%n", medians[1] / medians[0],
                answers.get(0).equals(answers.get(1)) ? "identical" : "DIFFERENT");
    }

    private static List<String> run(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }
}
