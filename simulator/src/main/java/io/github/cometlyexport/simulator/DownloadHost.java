package io.github.cometlyexport.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3-like download host: 400 when an {@code Authorization} header comes with a presigned request, 403
 * {@code SignatureDoesNotMatch} or {@code AccessDenied} "Request has expired", {@code ETag},
 * {@code Content-Length}, {@code Range} (206 + {@code Content-Range}, 416), {@code If-Match} (412), and the
 * script's faults in the body: a cut connection after N bytes, a stall; 404 {@code NoSuchKey} for a file that is gone.
 * Thread-safe.
 */
final class DownloadHost implements HttpHandler {
    static final String PREFIX = "/exports/";
    private static final Pattern RANGE = Pattern.compile("bytes=([0-9]+)-([0-9]*)");

    private final SimulatorConfig config;
    private final Jobs jobs;
    private final Presigner presigner;
    private final Exchanges answer;

    DownloadHost(SimulatorConfig config, Jobs jobs, Presigner presigner, Exchanges answer) {
        this.config = config;
        this.jobs = jobs;
        this.presigner = presigner;
        this.answer = answer;
    }

    /** Thrown to drop the connection in the middle of a body. */
    private static final class ConnectionCut extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectionCut() {
            super("cut", null);
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        Exchanges.host(ex, Journal.Host.DOWNLOAD);
        boolean cut = false;
        try {
            serve(ex);
        } catch (ConnectionCut c) {
            cut = true;
        } catch (IOException | RuntimeException e) {
            // The client went away mid-body; nothing to answer.
            answer.unanswered(ex);
        }
        if (cut) {
            // An exception out of a handler makes the JDK server drop the connection: the client sees a cut.
            throw new IOException("simulated connection cut");
        }
        ex.close();
    }

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (ex.getRequestHeaders().containsKey("Authorization")) {
            answer.xml(ex, 400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm "
                    + "query parameter, Signature query string parameter or the Authorization header should be "
                    + "specified");
            return;
        }
        switch (presigner.verify(path, ex.getRequestURI().getRawQuery(), config.clock().instant())) {
            case BAD_SIGNATURE -> {
                answer.xml(ex, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match "
                        + "the signature you provided.");
                return;
            }
            case EXPIRED -> {
                answer.xml(ex, 403, "AccessDenied", "Request has expired");
                return;
            }
            case VALID -> {
                // served below
            }
        }
        SimJob job = path.startsWith(PREFIX) ? jobs.byObject(path.substring(PREFIX.length())) : null;
        if (job == null || !job.fileReady() || job.fileGone) {
            answer.xml(ex, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        long length = job.servedLength();
        String etag = job.servedEtag();
        String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
        if (ifMatch != null && !ifMatch.equals(etag) && !ifMatch.equals("*")) {
            answer.xml(ex, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not "
                    + "hold");
            return;
        }
        long start = 0;
        long end = length - 1;
        String range = ex.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        boolean partial = m != null && m.matches();
        if (partial) {
            start = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty()) {
                end = Math.min(end, Long.parseLong(m.group(2)));
            }
            if (start >= length || start > end) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + length);
                answer.xml(ex, 416, "InvalidRange", "The requested range is not satisfiable");
                return;
            }
        }
        Headers out = ex.getResponseHeaders();
        out.set("ETag", etag);
        out.set("Accept-Ranges", "bytes");
        out.set("Content-Type", "application/gzip");
        if (partial) {
            out.set("Content-Range", "bytes " + start + "-" + end + "/" + length);
        }
        long count = end - start + 1;
        int status = partial ? 206 : 200;
        if (ex.getRequestMethod().equals("HEAD")) {
            out.set("Content-Length", Long.toString(count));
            answer.send(ex, status, -1);
            return;
        }
        answer.send(ex, status, count == 0 ? -1 : count);
        body(ex.getResponseBody(), job, start, count);
    }

    private void body(OutputStream body, SimJob job, long start, long count) throws IOException {
        long cutAfter = jobs.takeCut(job);
        long stallAfter = jobs.takeStall(job);
        try (InputStream in = job.open(start)) {
            byte[] buffer = new byte[64 * 1024];
            long sent = 0;
            while (sent < count) {
                if (cutAfter >= 0 && sent >= cutAfter) {
                    body.flush();
                    throw new ConnectionCut();
                }
                if (stallAfter >= 0 && sent >= stallAfter) {
                    body.flush();
                    pause(job.script.stallFor());
                    stallAfter = -1;
                }
                long limit = count - sent;
                if (cutAfter >= 0) {
                    limit = Math.min(limit, cutAfter - sent);
                }
                if (stallAfter >= 0) {
                    limit = Math.min(limit, stallAfter - sent);
                }
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit));
                if (n < 0) {
                    break;
                }
                body.write(buffer, 0, n);
                sent += n;
            }
        }
    }

    /** A stall is real time on the wire: the client's read timeout is what it tests. */
    private static void pause(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
