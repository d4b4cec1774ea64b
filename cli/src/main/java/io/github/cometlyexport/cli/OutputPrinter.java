package io.github.cometlyexport.cli;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.StoredExport;
import io.github.cometlyexport.port.driving.AwaitOutcome;
import io.github.cometlyexport.port.driving.ExportOutcome;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;

/**
 * What a command prints as its result: JSON objects on stdout with {@code --json}, people's lines on stderr unless
 * {@code --quiet}, errors on stderr always. Never prints a link's query string or a key.
 */
final class OutputPrinter {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean quiet;

    OutputPrinter(PrintStream out, PrintStream err, boolean json, boolean quiet) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.quiet = quiet;
    }

    /** Prints every problem and answers exit code 2. */
    int usage(List<String> problems) {
        problems.forEach(p -> err.println("error: " + p));
        return ExitCode.USAGE.code;
    }

    void error(String text) {
        err.println("error: " + text);
    }

    /** A line for people, unless quiet. */
    void note(String text) {
        if (!quiet) {
            err.println(text);
        }
    }

    /** A result object, with {@code --json}. */
    void result(Object jsonObject) {
        if (json) {
            out.println(jsonObject);
        }
    }

    /** Reports an export or download outcome and returns its exit code. */
    int report(ExportOutcome outcome) {
        if (outcome instanceof ExportOutcome.Stored stored) {
            StoredExport s = stored.stored();
            ExportManifest m = s.manifest();
            result(storedJson(s, stored.attempts(), "completed"));
            note((stored.alreadyStored() ? "already stored, skipped: " : "stored: ") + s.location() + " ("
                    + m.events() + " " + m.exportId().dataset().wireName() + ", " + m.bytes() + " bytes, sha256 "
                    + m.sha256() + ")");
            return ExitCode.OK.code;
        }
        if (outcome instanceof ExportOutcome.JobFailed failed) {
            result(jobJson(failed.lastJob()).add("attempts", failed.attempts()).build());
            error("export " + failed.lastJob().id() + " failed after " + failed.attempts()
                    + (failed.attempts() == 1 ? " attempt" : " attempts") + ": " + failed.lastJob().message());
            return ExitCode.EXPORT_FAILED.code;
        }
        ExportOutcome.GaveUp gaveUp = (ExportOutcome.GaveUp) outcome;
        result(jobJson(gaveUp.lastSeen()).add("attempts", gaveUp.attempts()).build());
        error("gave up waiting: " + gaveUp.decision().detail());
        return ExitCode.TIMED_OUT.code;
    }

    /** Reports a job seen by {@code status} or {@code wait}. */
    void job(ExportJob job) {
        result(jobJson(job).build());
        note(describe(job));
    }

    /**
     * @param status {@code completed}, or {@code skipped} for a day a backfill found stored
     * @return the result object of a stored export
     */
    static String storedJson(StoredExport s, int attempts, String status) {
        ExportManifest m = s.manifest();
        JsonObjectBuilder o = Json.createObjectBuilder().add("export_id", m.exportId().value())
                .add("dataset", m.exportId().dataset().wireName());
        if (m.date() != null) {
            o.add("date", m.date().toString());
        } else {
            o.addNull("date");
        }
        return o.add("status", status).add("location", s.location()).add("bytes", m.bytes())
                .add("sha256", m.sha256()).add("events", m.events()).add("attempts", attempts)
                .add("provisional", m.provisional()).build().toString();
    }

    /** @return the result object of a day that was not exported: open, failed, timed out, refused */
    static String dayJson(Dataset dataset, LocalDate day, String status, String detailKey, String detail) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("dataset", dataset.wireName())
                .add("date", day.toString()).add("status", status);
        if (detail != null) {
            o.add(detailKey, detail);
        }
        return o.build().toString();
    }

    static JsonObjectBuilder jobJson(ExportJob job) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("export_id", job.id().value())
                .add("status", job.kind().wireName()).add("created_at", job.createdAt().toString());
        if (job instanceof ExportJob.Completed c) {
            o.add("completed_at", c.completedAt().toString()).add("expires_at", c.downloadUrl().expiresAt().toString());
        } else if (job instanceof ExportJob.Queued q) {
            o.add("message", q.message());
        } else if (job instanceof ExportJob.Processing p) {
            o.add("message", p.message());
        } else if (job instanceof ExportJob.Failed f) {
            o.add("message", f.message());
        }
        return o;
    }

    /** People's line for a job's status. */
    static String describe(ExportJob job) {
        String base = "export " + job.id() + ": " + job.kind().wireName() + " (created " + job.createdAt() + ")";
        if (job instanceof ExportJob.Completed c) {
            return base + ", completed " + c.completedAt() + "; download link expires " + c.downloadUrl().expiresAt();
        }
        if (job instanceof ExportJob.Failed f) {
            return base + ": " + f.message();
        }
        return base;
    }

    static int awaitExit(AwaitOutcome outcome) {
        if (outcome instanceof AwaitOutcome.GaveUp) {
            return ExitCode.TIMED_OUT.code;
        }
        return ((AwaitOutcome.Finished) outcome).job() instanceof ExportJob.Failed ? ExitCode.EXPORT_FAILED.code
                : ExitCode.OK.code;
    }
}
