package io.github.cometlyexport.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.DayClosure;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.domain.VolumeRule;
import io.github.cometlyexport.port.driven.InspectTablePort;
import io.github.cometlyexport.port.driven.ScanExportLinesPort;
import io.github.cometlyexport.port.driving.AuditReport;
import io.github.cometlyexport.port.driving.AuditTableCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The audit's judgement of each day, on an in-memory table: a data file is a line of comma-separated keys per line,
 * and the fake scanner hashes and counts it, so a test says what a scan finds by what it stores.
 */
class AuditTableServiceTest {
    private static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");
    private static final DayClosure UTC = new DayClosure(ZoneOffset.UTC, Duration.ofHours(2));
    private static final Instant T = Instant.parse("2024-03-01T00:00:00Z");

    private final Map<LocalDate, InspectTablePort.Partition> partitions = new HashMap<>();
    private final Map<String, String> files = new HashMap<>();
    private InspectTablePort.TableFile table = new InspectTablePort.TableFile(true,
            new TableDefinition("events", ExportRequest.builder().date(LocalDate.of(2024, 3, 1)).build().filters(),
                    StoredFormat.GZIP));

    private final InspectTablePort inspector = new InspectTablePort() {
        @Override
        public String location() {
            return "/lake";
        }

        @Override
        public TableFile table(Dataset dataset) {
            return table;
        }

        @Override
        public List<Partition> partitions(Dataset dataset, LocalDate from, LocalDate to) {
            return new TreeMap<>(partitions).values().stream()
                    .filter(p -> !p.day().isBefore(from) && !p.day().isAfter(to)).toList();
        }

        @Override
        public InputStream openVisible(Dataset dataset, LocalDate day, String name) {
            return new ByteArrayInputStream(files.get(day + "/" + name).getBytes(StandardCharsets.UTF_8));
        }
    };

    private final ScanExportLinesPort scanner = in -> {
        try {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Set<String> keys = new HashSet<>();
            List<String> lines = text.lines().toList();
            lines.forEach(l -> keys.addAll(Arrays.asList(l.split(","))));
            return new ScanExportLinesPort.Scan(text.length(), sha(text), lines.size(), keys, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    private AuditReport audit(boolean deep, LocalDate from, LocalDate to) {
        return new AuditTableService(inspector, scanner, Clock.fixed(NOW, ZoneOffset.UTC), 2,
                Executors.defaultThreadFactory()).audit(new AuditTableCommand(Dataset.EVENTS, from, to, deep, UTC,
                VolumeRule.defaults()));
    }

    private static String sha(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(LocalDate day) {
        return "events-" + day + ".ndjson.gz";
    }

    /** Stores a day as the store would: a data file of {@code lines} lines of these keys, and its manifest. */
    private ExportManifest store(int dayOfMonth, int lines, boolean provisional, String... keys) {
        LocalDate day = LocalDate.of(2024, 3, dayOfMonth);
        String text = (String.join(",", keys) + "\n").repeat(lines);
        files.put(day + "/" + name(day), text);
        ExportManifest m = new ExportManifest(new ExportJobId(dayOfMonth), day, ExportRequest.builder().date(day)
                .build(), text.length(), sha(text), lines, T, T, T, null, 1, provisional);
        partitions.put(day, new InspectTablePort.Partition(day, Map.of(name(day), (long) text.length()), true, m));
        return m;
    }

    private static List<String> states(AuditReport report) {
        return report.days().stream().map(d -> d.day().getDayOfMonth() + " " + d.state().wireName()).toList();
    }

    @Test
    void givenEveryKindOfBrokenPartition_whenAudited_thenEachDamagedWithItsReason_andTheRepairCoversThem() {
        store(1, 10, false, "id");
        LocalDate d2 = LocalDate.of(2024, 3, 2);
        partitions.put(d2, new InspectTablePort.Partition(d2, Map.of(name(d2), 5L), true, null));
        LocalDate d3 = LocalDate.of(2024, 3, 3);
        partitions.put(d3, new InspectTablePort.Partition(d3, Map.of(name(d3), 5L), false, null));
        ExportManifest m4 = store(4, 10, false, "id");
        LocalDate d4 = LocalDate.of(2024, 3, 4);
        partitions.put(d4, new InspectTablePort.Partition(d4, Map.of(), true, m4));
        ExportManifest m5 = store(5, 10, false, "id");
        LocalDate d5 = LocalDate.of(2024, 3, 5);
        partitions.put(d5, new InspectTablePort.Partition(d5, Map.of(name(d5), m5.bytes()), true, m4));
        store(6, 10, true, "id");
        LocalDate d7 = LocalDate.of(2024, 3, 7);
        partitions.put(d7, new InspectTablePort.Partition(d7, Map.of("notes.txt", 3L), false, null));

        AuditReport report = audit(false, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 11));

        assertThat(states(report)).containsExactly("1 stored", "2 damaged", "3 damaged", "4 damaged", "5 damaged",
                "6 provisional", "7 missing", "8 missing", "9 missing", "10 open", "11 open");
        Map<Integer, List<String>> problems = new TreeMap<>();
        report.days().forEach(d -> problems.put(d.day().getDayOfMonth(), d.problems()));
        assertThat(problems.get(2)).containsExactly("manifest unreadable");
        assertThat(problems.get(3)).containsExactly("data file without a manifest (not stored)");
        assertThat(problems.get(4)).containsExactly("data file events-2024-03-04.ndjson.gz absent");
        assertThat(problems.get(5)).containsExactly("manifest is of another day or dataset");
        assertThat(problems.get(6)).containsExactly("provisional, and the day has closed since");
        assertThat(report.days().get(6).strays()).containsExactly("notes.txt");
        // 9 March closed at 10 March 02:00 UTC, 10 March is not over.
        assertThat(report.repairRange()).contains(List.of(LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 9)));
        assertThat(report.clean()).isFalse();
        assertThat(report.tableProblems()).isEmpty();
    }

    @Test
    void givenAStrayBesideAGoodFileOnly_whenAudited_thenDamagedButNoExportRepairsIt() {
        store(1, 10, false, "id");
        LocalDate d1 = LocalDate.of(2024, 3, 1);
        InspectTablePort.Partition p = partitions.get(d1);
        partitions.put(d1, new InspectTablePort.Partition(d1, Map.of(name(d1), p.manifest().bytes(),
                "events-2024-03-01.ndjson", 9L), true, p.manifest()));

        AuditReport report = audit(false, d1, d1);

        assertThat(report.days().get(0).state()).isEqualTo(AuditReport.State.DAMAGED);
        assertThat(report.days().get(0).strays()).containsExactly("events-2024-03-01.ndjson");
        assertThat(report.repairRange()).isEmpty();
        assertThat(report.clean()).isFalse();
    }

    @Test
    void givenDeep_whenAFileDiffersFromItsManifestOrItsKeysDrift_thenDamagedOrWarned() {
        store(1, 10, false, "id", "name", "amount");
        store(2, 10, false, "id", "name", "amount");
        store(3, 10, false, "id", "name");
        store(4, 10, false, "id", "name", "amount", "coupon");
        ExportManifest m5 = store(5, 10, false, "id", "name", "amount");
        files.put("2024-03-05/" + name(m5.date()), files.get("2024-03-05/" + name(m5.date())).replace("amount",
                "amounT"));
        store(6, 10, false, "id", "name", "amount");

        AuditReport shallow = audit(false, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 6));
        assertThat(shallow.days()).allMatch(d -> d.state() == AuditReport.State.STORED && d.warnings().isEmpty());

        AuditReport deep = audit(true, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 6));
        assertThat(states(deep)).containsExactly("1 stored", "2 stored", "3 stored", "4 stored", "5 damaged",
                "6 stored");
        assertThat(deep.days().get(4).problems()).containsExactly("SHA-256 does not match the manifest");
        List<String> notes = new ArrayList<>();
        deep.days().forEach(d -> notes.add(d.day().getDayOfMonth() + " " + d.notes()));
        assertThat(notes).containsExactly("1 []", "2 []", "3 [keys missing [amount]]", "4 [new keys [coupon]]",
                "5 []", "6 []");
        assertThat(deep.days().get(2).warnings()).containsExactly(AuditReport.Warning.SCHEMA_DRIFT);
    }

    @Test
    void givenNoTableFileOrOtherFilters_whenAudited_thenTableProblems() {
        store(1, 10, false, "id");
        table = new InspectTablePort.TableFile(false, null);
        assertThat(audit(false, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 1)).tableProblems())
                .containsExactly("events/_table.json is missing (a backfill writes it)");

        table = new InspectTablePort.TableFile(true, new TableDefinition("events", Map.of("query_mode", "company"),
                StoredFormat.GZIP));
        AuditReport other = audit(false, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 1));
        assertThat(other.tableProblems()).containsExactly("1 day was exported with other filters than "
                + "events/_table.json says");
        assertThat(other.days().get(0).problems()).containsExactly(DayVerdicts.OTHER_FILTERS);
        assertThat(other.repairRange()).contains(List.of(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 1)));
    }

    @Test
    void givenNoEnd_whenAudited_thenTheRangeEndsOnTheDayItIsNowInTheSpacesZone() {
        AuditReport report = audit(false, LocalDate.of(2024, 3, 8), null);
        assertThat(states(report)).containsExactly("8 missing", "9 missing", "10 open");
    }

    @Test
    void givenAParquetTable_whenAuditedDeep_thenItsFilesAreCheckedByTheirSha256AndTheirRowsTakenFromTheManifests() {
        table = new InspectTablePort.TableFile(true, new TableDefinition("events",
                ExportRequest.builder().date(LocalDate.of(2024, 3, 1)).build().filters(), StoredFormat.PARQUET));
        LocalDate d1 = LocalDate.of(2024, 3, 1);
        LocalDate d2 = LocalDate.of(2024, 3, 2);
        String good = "PAR1 rows of day one PAR1";
        String flipped = "PAR1 rows of day twO PAR1";
        for (LocalDate day : List.of(d1, d2)) {
            String name = "events-" + day + ".parquet";
            ExportManifest m = new ExportManifest(new ExportJobId(day.getDayOfMonth()), day,
                    ExportRequest.builder().date(day).build(), good.length(), sha(good), 1234, T, T, T, null, 1, false);
            files.put(day + "/" + name, day.equals(d1) ? good : flipped);
            partitions.put(day, new InspectTablePort.Partition(day, Map.of(name, (long) good.length()), true, m));
        }
        // What the NDJSON scan says of a Parquet file: every byte hashed, and not one line of JSON.
        ScanExportLinesPort binary = in -> {
            try {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new ScanExportLinesPort.Scan(text.length(), sha(text), 0, Set.of(), "line 1: not JSON");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        AuditReport report = new AuditTableService(inspector, binary, Clock.fixed(NOW, ZoneOffset.UTC), 2,
                Executors.defaultThreadFactory()).audit(new AuditTableCommand(Dataset.EVENTS, d1, d2, true, UTC,
                VolumeRule.defaults()));

        assertThat(states(report)).containsExactly("1 stored", "2 damaged");
        assertThat(report.days().get(0).lines()).isEqualTo(1234L);
        assertThat(report.days().get(0).warnings()).isEmpty();
        assertThat(report.days().get(1).problems()).containsExactly("SHA-256 does not match the manifest");
    }
}
