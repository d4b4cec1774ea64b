package io.github.cometlyexport.application;

import io.github.cometlyexport.simulator.SimulatorClocks;

import io.github.cometlyexport.domain.DownloadUrl;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driven.CreateExportJobPort;
import io.github.cometlyexport.port.driven.DownloadExportFilePort;
import io.github.cometlyexport.port.driven.DownloadOpening;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory Cometly for service tests: scripted status timelines, files behind links that expire on the test
 * clock, and faults (cuts after N bytes, files swapped under a resume).
 */
final class FakeCometly implements CreateExportJobPort, FetchExportJobPort, DownloadExportFilePort {

    /** One job's script. */
    static final class Job {
        final ExportJobId id;
        final Deque<ExportJob.Kind> timeline = new ArrayDeque<>();
        byte[] file;
        String etag;
        /** Cut the body after this many bytes of one response, as often as {@link #cuts} says. */
        long cutAfter = -1;
        int cuts;
        /** Run at each cut, e.g. to let the link expire or to swap the file. */
        Runnable onCut = () -> { };
        /** Answer "link expired" to this many opens regardless of the clock. */
        int expireOpens;
        /** The file is gone from the bucket: every open answers {@link ExportApiException.Kind#FILE_GONE}. */
        boolean fileGone;
        /** Cometly's {@code created_at}: a minute before the job was scripted, unless a test says otherwise. */
        java.time.Instant createdAt;
        ExportJob.Kind current;

        Job(ExportJobId id) {
            this.id = id;
        }
    }

    record Open(long offset, String etag) {
    }

    private final SimulatorClocks.Steppable clock;
    private final Map<ExportJobId, Job> jobs = new java.util.concurrent.ConcurrentHashMap<>();
    private final Deque<List<ExportJob.Kind>> createScripts = new ArrayDeque<>();
    private final Deque<byte[]> createFiles = new ArrayDeque<>();
    private final Deque<Boolean> createGone = new ArrayDeque<>();
    final List<ExportRequest> creates = java.util.Collections.synchronizedList(new ArrayList<>());
    /** When each create arrived, on the test's clock. */
    final List<java.time.Instant> createTimes = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<ExportJobId> fetches = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Open> opens = java.util.Collections.synchronizedList(new ArrayList<>());
    private long nextId = 100;

    FakeCometly(SimulatorClocks.Steppable clock) {
        this.clock = clock;
    }

    Job job(long id, byte[] file, ExportJob.Kind... timeline) {
        Job job = new Job(new ExportJobId(id));
        job.file = file;
        job.etag = "\"etag-" + id + "-" + file.length + "\"";
        job.timeline.addAll(List.of(timeline));
        job.createdAt = clock.instant().minusSeconds(60);
        jobs.put(job.id, job);
        return job;
    }

    /** The next job created gets this timeline and file. */
    void onCreate(byte[] file, ExportJob.Kind... timeline) {
        createScripts.add(List.of(timeline));
        createFiles.add(file);
        createGone.add(false);
    }

    /** The next job created gets this timeline, and completes with a file that is gone. */
    void onCreateWithFileGone(ExportJob.Kind... timeline) {
        createScripts.add(List.of(timeline));
        createFiles.add(new byte[0]);
        createGone.add(true);
    }

    Job job(ExportJobId id) {
        return jobs.get(id);
    }

    @Override
    public synchronized ExportJobId create(ExportRequest request) {
        creates.add(request);
        createTimes.add(clock.instant());
        List<ExportJob.Kind> script = createScripts.poll();
        if (script == null) {
            throw new IllegalStateException("test did not script job number " + creates.size());
        }
        job(nextId++, createFiles.poll(), script.toArray(ExportJob.Kind[]::new)).fileGone = createGone.poll();
        return new ExportJobId(nextId - 1);
    }

    @Override
    public synchronized ExportJob fetch(ExportJobId id) {
        fetches.add(id);
        Job job = jobs.get(id);
        if (job == null) {
            throw new ExportApiException(404, "Export not found", Map.of(), "GET /events/exports/" + id);
        }
        // Each fetch moves one step along the timeline; the last state stays.
        job.current = job.timeline.size() > 1 ? job.timeline.poll() : job.timeline.peek();
        var created = job.createdAt;
        return switch (job.current) {
            case QUEUED -> new ExportJob.Queued(id, created, "Export is queued");
            case PROCESSING -> new ExportJob.Processing(id, created, "Export is processing");
            case COMPLETED -> new ExportJob.Completed(id, created, clock.instant(), DownloadUrl.of(
                    URI.create("https://bucket.s3.amazonaws.com/exports/" + id + ".json.gz?X-Amz-Signature=sig"
                            + fetches.size()), null, clock.instant()));
            case FAILED -> new ExportJob.Failed(id, created, "Export failed");
        };
    }

    @Override
    public synchronized DownloadOpening open(DownloadUrl url, long offset, String expectedEtag) {
        String path = url.uri().getPath();
        ExportJobId id = ExportJobId.parse(path.substring(path.lastIndexOf('/') + 1, path.indexOf(".json.gz")));
        Job job = jobs.get(id);
        opens.add(new Open(offset, expectedEtag));
        if (job.fileGone) {
            throw new ExportApiException(404, ExportApiException.Kind.FILE_GONE, "NoSuchKey", Map.of(),
                    "download of " + id);
        }
        if (!clock.instant().isBefore(url.expiresAt()) || job.expireOpens > 0) {
            job.expireOpens = Math.max(0, job.expireOpens - 1);
            return new DownloadOpening.LinkExpired("Request has expired");
        }
        if (expectedEtag != null && !expectedEtag.equals(job.etag)) {
            return new DownloadOpening.ObjectChanged("412 Precondition Failed");
        }
        byte[] file = job.file;
        InputStream body = new ByteArrayInputStream(file, (int) offset, file.length - (int) offset);
        if (job.cuts > 0 && job.cutAfter >= 0) {
            job.cuts--;
            body = new CutStream(body, job.cutAfter, job.onCut);
        }
        return new DownloadOpening.Opened(body, offset, file.length, job.etag);
    }

    /** Breaks the connection after a number of bytes. */
    private static final class CutStream extends InputStream {
        private final InputStream in;
        private long left;
        private final Runnable onCut;

        CutStream(InputStream in, long after, Runnable onCut) {
            this.in = in;
            this.left = after;
            this.onCut = onCut;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                onCut.run();
                throw new IOException("Connection reset");
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
