package io.github.cometlyexport.app;

import io.github.cometlyexport.domain.DownloadUrl;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driven.CreateExportJobPort;
import io.github.cometlyexport.port.driven.DownloadExportFilePort;
import io.github.cometlyexport.port.driven.DownloadOpening;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import io.github.cometlyexport.port.driven.RequestBudget;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * A Space whose jobs complete a fixed time after their create, for pacing tests on virtual time: every create and
 * status request goes through the Space's budgets, as the HTTP adapter's do, and is journaled with its instant.
 */
final class TimedCometly implements CreateExportJobPort, FetchExportJobPort, DownloadExportFilePort {
    private final Clock clock;
    private final SpaceBudgets budgets;
    private final Function<LocalDate, Duration> latency;
    private final AtomicLong ids;
    private final Map<ExportJobId, Instant> completesAt;
    private final Map<ExportJobId, Instant> createdAt;
    final List<Instant> creates;
    final List<LocalDate> createdDays;
    final List<Instant> statuses;

    TimedCometly(Clock clock, SpaceBudgets budgets, Function<LocalDate, Duration> latency) {
        this.clock = clock;
        this.budgets = budgets;
        this.latency = latency;
        this.ids = new AtomicLong(1000);
        this.completesAt = new ConcurrentHashMap<>();
        this.createdAt = new ConcurrentHashMap<>();
        this.creates = Collections.synchronizedList(new ArrayList<>());
        this.createdDays = Collections.synchronizedList(new ArrayList<>());
        this.statuses = Collections.synchronizedList(new ArrayList<>());
    }

    private TimedCometly(TimedCometly space, SpaceBudgets budgets) {
        this.clock = space.clock;
        this.budgets = budgets;
        this.latency = space.latency;
        this.ids = space.ids;
        this.completesAt = space.completesAt;
        this.createdAt = space.createdAt;
        this.creates = space.creates;
        this.createdDays = space.createdDays;
        this.statuses = space.statuses;
    }

    /**
     * @param other another process's budgets of the same Space
     * @return the same Space (its jobs and journal) as another process reaches it, through those budgets
     */
    TimedCometly withBudgets(SpaceBudgets other) {
        return new TimedCometly(this, other);
    }

    /**
     * A job created before the test (by a process that died, say), completing at an instant; no request is made.
     *
     * @return its id
     */
    ExportJobId existing(Instant created, Instant completes) {
        ExportJobId id = new ExportJobId(ids.incrementAndGet());
        createdAt.put(id, created);
        completesAt.put(id, completes);
        return id;
    }

    /** @return when the job of that id completes */
    Instant completesAt(ExportJobId id) {
        return completesAt.get(id);
    }

    @Override
    public ExportJobId create(ExportRequest request) {
        RequestBudget.Permit permit = budgets.create().acquire();
        try {
            Instant now = clock.instant();
            creates.add(now);
            createdDays.add(request.date());
            ExportJobId id = new ExportJobId(ids.incrementAndGet());
            createdAt.put(id, now);
            completesAt.put(id, now.plus(latency.apply(request.date())));
            return id;
        } finally {
            permit.settle();
        }
    }

    @Override
    public ExportJob fetch(ExportJobId id) {
        RequestBudget.Permit permit = budgets.status().acquire();
        try {
            Instant now = clock.instant();
            statuses.add(now);
            Instant done = completesAt.get(id);
            return done.isAfter(now) ? new ExportJob.Processing(id, createdAt.get(id), "processing")
                    : new ExportJob.Completed(id, createdAt.get(id), done, DownloadUrl.of(
                    URI.create("https://bucket.s3.amazonaws.com/exports/" + id + ".json.gz?X-Amz-Signature=s"),
                    now.plusSeconds(900), now));
        } finally {
            permit.settle();
        }
    }

    @Override
    public DownloadOpening open(DownloadUrl url, long offset, String expectedEtag) {
        byte[] file = gzip("{\"id\":1,\"event_name\":\"purchase\"}\n{\"id\":2,\"event_name\":\"lead\"}\n");
        return new DownloadOpening.Opened(new ByteArrayInputStream(file, (int) offset, file.length - (int) offset),
                offset, file.length, "\"etag\"");
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return the most requests of the list that fall in any window of that length */
    static int mostInAnyWindow(List<Instant> requests, Duration window) {
        List<Instant> sorted;
        synchronized (requests) {
            sorted = new ArrayList<>(requests);
        }
        Collections.sort(sorted);
        int most = 0;
        int first = 0;
        for (int i = 0; i < sorted.size(); i++) {
            while (!sorted.get(first).plus(window).isAfter(sorted.get(i))) {
                first++;
            }
            most = Math.max(most, i - first + 1);
        }
        return most;
    }
}
