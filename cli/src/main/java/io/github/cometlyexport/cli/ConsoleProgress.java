package io.github.cometlyexport.cli;

import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress on standard error: on a terminal, one live line rewritten in place; otherwise plain lines when something
 * changes (a job created, a status change, a resume, a long wait for the Space's budget). {@code --quiet} shows nothing, {@code --verbose} every poll.
 * Never prints a link or a key. Thread-safe (backfill reports from several threads).
 */
final class ConsoleProgress implements ExportProgressListener {
    /** The shortest wait for a budget that is announced. */
    static final Duration ANNOUNCED_WAIT = Duration.ofSeconds(5);
    private final PrintStream err;
    private final boolean terminal;
    private final boolean quiet;
    private final boolean verbose;
    private final Map<ExportJobId, ExportJob.Kind> lastKind = new ConcurrentHashMap<>();
    private final Map<ExportJobId, Long> lastDraw = new ConcurrentHashMap<>();
    private final Map<ExportJobId, Long> started = new ConcurrentHashMap<>();

    ConsoleProgress(PrintStream err, boolean terminal, boolean quiet, boolean verbose) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    @Override
    public void jobCreated(ExportJobId id, int attempt) {
        line("job " + id + " created" + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
        started.put(id, System.nanoTime());
    }

    @Override
    public void jobResumed(ExportJobId id, int attempt) {
        line("job " + id + " resumed from the ledger (attempt " + attempt + " for its day)");
        started.put(id, System.nanoTime());
    }

    @Override
    public void statusObserved(ExportJob job, Duration nextPoll) {
        ExportJob.Kind previous = lastKind.put(job.id(), job.kind());
        long since = started.computeIfAbsent(job.id(), k -> System.nanoTime());
        String text = "job " + job.id() + " " + job.kind().wireName() + " " + clock(System.nanoTime() - since)
                + (nextPoll.isZero() ? "" : " · next poll in " + Math.max(1, nextPoll.toSeconds()) + "s");
        if (terminal) {
            live(text);
        } else if (verbose || previous != job.kind()) {
            line(text);
        }
    }

    @Override
    public void downloadProgress(ExportJobId id, long bytes, long totalLength) {
        if (!terminal || quiet) {
            return;
        }
        long now = System.nanoTime();
        Long last = lastDraw.get(id);
        if (last != null && now - last < 250_000_000L && bytes != totalLength) {
            return;
        }
        lastDraw.put(id, now);
        String total = totalLength > 0 ? String.format(Locale.ROOT, " of %.1f MB (%d%%)", totalLength / 1e6,
                bytes * 100 / totalLength) : "";
        live(String.format(Locale.ROOT, "job %s downloading %.1f MB%s", id, bytes / 1e6, total));
    }

    @Override
    public void dayHeld(io.github.cometlyexport.domain.DayRecord held) {
        line(HeldDays.waiting(held));
    }

    @Override
    public void downloadResumed(ExportJobId id, long atByte, String reason) {
        line("job " + id + " download interrupted, resuming at byte " + atByte + ": " + reason);
    }

    /**
     * A request is about to wait for the Space's budget: said when the wait is long enough to look like a hang
     * ({@link #ANNOUNCED_WAIT} or more; shorter waits pace every backfill and would only be noise), as a line of its
     * own, also when stderr is not a terminal.
     *
     * @param kind {@code create} or {@code status}
     * @param wait how long
     * @param rate the budget's rate for people, e.g. {@code 5 per minute}
     */
    void budgetWait(String kind, Duration wait, String rate) {
        if (wait.compareTo(ANNOUNCED_WAIT) >= 0) {
            line("waiting " + (wait.toMillis() + 999) / 1000 + " s for the Space's " + kind + " budget (" + rate
                    + ")");
        }
    }

    void line(String text) {
        if (quiet) {
            return;
        }
        synchronized (err) {
            err.print(terminal ? "\r\033[K" + text + "\n" : text + "\n");
            err.flush();
        }
    }

    private void live(String text) {
        if (quiet) {
            return;
        }
        synchronized (err) {
            err.print("\r\033[K" + text);
            err.flush();
        }
    }

    void endLive() {
        if (terminal && !quiet) {
            synchronized (err) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }

    private static String clock(long nanos) {
        long s = nanos / 1_000_000_000L;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
