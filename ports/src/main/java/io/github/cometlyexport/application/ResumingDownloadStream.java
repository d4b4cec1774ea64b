package io.github.cometlyexport.application;

import io.github.cometlyexport.domain.DownloadPolicy;
import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import io.github.cometlyexport.port.driven.DownloadExportFilePort;
import io.github.cometlyexport.port.driven.DownloadOpening;
import io.github.cometlyexport.port.driven.ExportIntegrityException;
import io.github.cometlyexport.port.driven.ExportProtocolException;
import io.github.cometlyexport.port.driven.ExportTransportException;
import io.github.cometlyexport.port.driven.FetchExportJobPort;
import io.github.cometlyexport.port.driven.PendingExportFile;
import io.github.cometlyexport.port.driven.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

/**
 * The remote part of an export file as one continuous stream, whatever happens underneath: a broken connection is
 * reopened at the byte it reached ({@code Range}, pinned with {@code If-Match}), a link that is about to expire or
 * has expired is renewed by fetching the job's status again, and every byte read is appended to the pending file
 * before it is handed on. Reads never throw {@link IOException}: failures surface as unchecked
 * {@code ExportException}s once the policy's patience is spent, or as {@link ObjectChanged} when the object is not
 * the one the stream started on.
 */
final class ResumingDownloadStream extends InputStream {

    /** The object under a resume is not the one the held bytes came from: start over from byte zero. */
    static final class ObjectChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ObjectChanged(String message) {
            super(message, null, false, false);
        }
    }

    private final FetchExportJobPort fetch;
    private final DownloadExportFilePort download;
    private final PendingExportFile pending;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DownloadPolicy policy;
    private final ExportProgressListener listener;

    private ExportJob.Completed job;
    private long position;
    private String etag;
    private long total = -1;
    private DownloadOpening.Opened current;
    private int failuresInARow;
    private boolean ended;
    private final boolean keepRaw;

    /**
     * @param keepRaw whether the bytes read are the file to store (gzip kept as downloaded: written to
     *                {@code pending} as they pass, and a resume starts at what it holds); otherwise the caller
     *                stores something else (the decompressed lines) and the download starts at byte zero
     */
    ResumingDownloadStream(ExportJob.Completed job, PendingExportFile pending, FetchExportJobPort fetch,
                           DownloadExportFilePort download, Clock clock, Sleeper sleeper, DownloadPolicy policy,
                           ExportProgressListener listener, boolean keepRaw) {
        this.job = job;
        this.pending = pending;
        this.fetch = fetch;
        this.download = download;
        this.clock = clock;
        this.sleeper = sleeper;
        this.policy = policy;
        this.listener = listener;
        this.keepRaw = keepRaw;
        this.position = keepRaw ? pending.length() : 0;
        this.etag = pending.sourceEtag().orElse(null);
    }

    /** @return the ETag the transfer is pinned to, or {@code null} when the server sent none */
    String etag() {
        return etag;
    }

    /** @return the job as last fetched (its link may have been renewed) */
    ExportJob.Completed job() {
        return job;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (!ended) {
            if (current == null) {
                open();
            }
            int n;
            try {
                n = current.body().read(buffer, offset, length);
            } catch (IOException e) {
                drop();
                failed("connection broke at byte " + position + ": " + e.getMessage(), e);
                continue;
            }
            if (n < 0) {
                drop();
                if (total >= 0 && position < total) {
                    failed("connection closed at byte " + position + " of " + total, null);
                    continue;
                }
                ended = true;
                break;
            }
            if (total >= 0 && position + n > total) {
                throw new ExportIntegrityException("job " + job.id() + ": the server sent more than the "
                        + total + " bytes it announced", null);
            }
            if (keepRaw) {
                pending.write(buffer, offset, n);
            }
            position += n;
            failuresInARow = 0;
            listener.downloadProgress(job.id(), position, total);
            return n;
        }
        return -1;
    }

    @Override
    public void close() {
        drop();
    }

    private void open() {
        while (true) {
            if (!job.downloadUrl().isUsableAt(clock.instant(), policy.linkSafetyMargin())) {
                renew();
            }
            DownloadOpening opening;
            try {
                opening = download.open(job.downloadUrl(), position, etag);
            } catch (ExportTransportException e) {
                failed("could not open the download at byte " + position + ": " + e.getMessage(), e);
                continue;
            }
            if (opening instanceof DownloadOpening.Opened opened) {
                accept(opened);
                return;
            }
            if (opening instanceof DownloadOpening.ObjectChanged changed) {
                throw new ObjectChanged("job " + job.id() + ": the file changed under a resume at byte " + position
                        + " (" + changed.detail() + ")");
            }
            failed("the download link expired (" + ((DownloadOpening.LinkExpired) opening).detail() + ")", null);
            renew();
        }
    }

    private void accept(DownloadOpening.Opened opened) {
        if (opened.offset() != position) {
            closeQuietly(opened);
            throw new ExportProtocolException("job " + job.id() + ": asked for the file from byte " + position
                    + " but the download starts at byte " + opened.offset(), null);
        }
        if (etag != null && opened.etag() != null && !etag.equals(opened.etag())) {
            closeQuietly(opened);
            throw new ObjectChanged("job " + job.id() + ": ETag changed from " + etag + " to " + opened.etag());
        }
        if (total >= 0 && opened.totalLength() >= 0 && opened.totalLength() != total) {
            closeQuietly(opened);
            throw new ObjectChanged("job " + job.id() + ": size changed from " + total + " to "
                    + opened.totalLength());
        }
        if (etag == null && opened.etag() != null) {
            etag = opened.etag();
            pending.recordSourceEtag(etag);
        }
        if (opened.totalLength() >= 0) {
            total = opened.totalLength();
        }
        current = opened;
    }

    private void renew() {
        ExportJob fresh = fetch.fetch(job.id());
        if (!(fresh instanceof ExportJob.Completed completed)) {
            throw new ExportProtocolException("job " + job.id() + " was completed, but its status is now "
                    + fresh.kind().wireName(), null);
        }
        job = completed;
    }

    private void failed(String reason, Throwable cause) {
        failuresInARow++;
        if (failuresInARow > policy.maxFailuresInARow()) {
            throw new ExportTransportException("download of job " + job.id() + " stopped at byte " + position
                    + " after " + policy.maxFailuresInARow() + " interruptions in a row; last: " + reason, cause,
                    false);
        }
        listener.downloadResumed(job.id(), position, reason);
        Pauses.pause(sleeper, policy.pauseAfter(failuresInARow), "waiting to resume the download of job " + job.id());
    }

    private void drop() {
        if (current != null) {
            closeQuietly(current);
            current = null;
        }
    }

    private static void closeQuietly(DownloadOpening.Opened opened) {
        try {
            opened.close();
        } catch (IOException | RuntimeException ignored) {
            // Releasing a broken connection may fail again; the transfer goes on with a new one.
        }
    }
}
