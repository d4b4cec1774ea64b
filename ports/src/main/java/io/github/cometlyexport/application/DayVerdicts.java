package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.domain.TableDefinition;
import io.github.cometlyexport.domain.VolumeRule;
import io.github.cometlyexport.port.driven.InspectTablePort;
import io.github.cometlyexport.port.driven.ScanExportLinesPort;
import io.github.cometlyexport.port.driving.AuditReport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges the days of one audit in date order: each day's state from its partition (and its file's scan), then the
 * warnings, which compare a stored day with the stored days before it (their line counts, and for deep audits
 * their keys). A Parquet file is not lines: a deep audit checks its SHA-256 against the manifest and takes its rows
 * from the manifest (the conversion counted them against the verified download), and its schema is the table's, so
 * it has no keys to drift. Pure; one per audit, not thread-safe.
 */
final class DayVerdicts {
    /** The problem of a day whose manifest holds other filters than the table's definition. */
    static final String OTHER_FILTERS = "exported with other filters than _table.json says";

    private final Dataset dataset;
    private final StoredFormat format;
    private final TableDefinition definition;
    private final VolumeRule volume;
    private final List<Long> storedLines = new ArrayList<>();
    private Set<String> everyKey;
    private Set<String> commonKeys;

    DayVerdicts(Dataset dataset, StoredFormat format, TableDefinition definition, VolumeRule volume) {
        this.dataset = dataset;
        this.format = format;
        this.definition = definition;
        this.volume = volume;
    }

    /** @return the name of the day's one data file, as the table's format makes it */
    String dataName(LocalDate day) {
        return dataset.wireName() + "-" + day + format.suffix();
    }

    AuditReport.Day judge(LocalDate day, boolean closed, InspectTablePort.Partition p, ScanExportLinesPort.Scan scan,
                          boolean deep) {
        String name = dataName(day);
        List<String> strays = p == null ? List.of()
                : p.visible().keySet().stream().filter(n -> !n.equals(name)).toList();
        Long size = p == null ? null : p.visible().get(name);
        if (p == null || size == null && !p.manifestPresent()) {
            return new AuditReport.Day(day, closed, closed ? AuditReport.State.MISSING : AuditReport.State.OPEN,
                    null, closed ? List.of("not stored") : List.of(), strays, List.of(), List.of());
        }
        ExportManifest m = p.manifest();
        List<String> problems = new ArrayList<>();
        if (!p.manifestPresent()) {
            problems.add("data file without a manifest (not stored)");
        } else if (m == null) {
            problems.add("manifest unreadable");
        } else if (!day.equals(m.date()) || m.exportId().dataset() != dataset) {
            problems.add("manifest is of another day or dataset");
        } else if (size == null) {
            problems.add("data file " + name + " absent");
        } else if (size != m.bytes()) {
            problems.add("data file is " + size + " bytes, manifest says " + m.bytes());
        } else {
            if (definition != null && m.request() != null && !m.request().filters().equals(definition.filters())) {
                problems.add(OTHER_FILTERS);
            }
            if (scan != null) {
                problems.addAll(scanProblems(m, scan, linesReadable()));
            }
        }
        Long lines = m == null ? null
                : scan != null && scan.problem() == null && linesReadable() ? scan.lines() : m.events();
        if (!problems.isEmpty() || !strays.isEmpty()) {
            return new AuditReport.Day(day, closed, AuditReport.State.DAMAGED, lines, problems, strays, List.of(),
                    List.of());
        }
        if (m.provisional()) {
            return new AuditReport.Day(day, closed, AuditReport.State.PROVISIONAL, lines,
                    closed ? List.of("provisional, and the day has closed since") : List.of(), strays, List.of(),
                    List.of());
        }
        List<AuditReport.Warning> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String low = volume.lowBecause(storedLines, lines);
        if (low != null) {
            warnings.add(AuditReport.Warning.LOW_VOLUME);
            notes.add(low);
        }
        storedLines.add(lines);
        if (deep && scan != null && lines > 0 && linesReadable()) {
            String drift = drift(scan.keys());
            if (drift != null) {
                warnings.add(AuditReport.Warning.SCHEMA_DRIFT);
                notes.add(drift);
            }
        }
        return new AuditReport.Day(day, closed, AuditReport.State.STORED, lines, List.of(), List.of(), warnings,
                notes);
    }

    /** @return whether the table's data files are NDJSON lines (gzip or plain) that a scan counts */
    private boolean linesReadable() {
        return format != StoredFormat.PARQUET;
    }

    private static List<String> scanProblems(ExportManifest m, ScanExportLinesPort.Scan scan, boolean lines) {
        List<String> problems = new ArrayList<>();
        if (!scan.sha256().equals(m.sha256())) {
            problems.add("SHA-256 does not match the manifest");
        }
        if (!lines) {
            return problems;
        } else if (scan.problem() != null) {
            problems.add("not a valid export file: " + scan.problem());
        } else if (scan.lines() != m.events()) {
            problems.add(scan.lines() + " lines, manifest says " + m.events());
        }
        return problems;
    }

    /** Keys earlier stored days of the range lacked, or that every one of them had and this day lacks. */
    private String drift(Set<String> keys) {
        if (everyKey == null) {
            everyKey = new TreeSet<>(keys);
            commonKeys = new TreeSet<>(keys);
            return null;
        }
        Set<String> added = new TreeSet<>(keys);
        added.removeAll(everyKey);
        Set<String> lost = new TreeSet<>(commonKeys);
        lost.removeAll(keys);
        everyKey.addAll(keys);
        commonKeys.retainAll(keys);
        if (added.isEmpty() && lost.isEmpty()) {
            return null;
        }
        return (added.isEmpty() ? "" : "new keys " + added) + (added.isEmpty() || lost.isEmpty() ? "" : ", ")
                + (lost.isEmpty() ? "" : "keys missing " + lost);
    }
}
