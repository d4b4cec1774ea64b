package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.domain.DownloadUrl;
import io.github.cometlyexport.domain.internal.Redaction;
import io.github.cometlyexport.port.driven.DownloadExportFilePort;
import io.github.cometlyexport.port.driven.DownloadOpening;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.ExportProtocolException;
import io.github.cometlyexport.port.driven.ExportTransportException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens presigned export files. Streams the body (never buffers it), from a byte offset with {@code Range} and
 * {@code If-Match} when resuming; checks {@code Content-Length} and {@code Content-Range}; answers S3's 403 "Request
 * has expired" as {@link DownloadOpening.LinkExpired}, 412 as {@link DownloadOpening.ObjectChanged}, and 404 or any
 * other 403 as {@link ExportApiException.Kind#FILE_GONE} (the object is no longer there).
 *
 * <p>Sends no {@code Authorization} header and no cookies; refuses plain {@code http} except to loopback addresses;
 * follows no redirects; never prints the link's query string. A stalled transfer hits the client's socket timeout
 * and surfaces as an {@link IOException} from the body, which the core answers by resuming. Thread-safe.
 */
public final class HttpDownloadAdapter implements DownloadExportFilePort, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpDownloadAdapter.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes ([0-9]+)-([0-9]+)/([0-9]+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/([0-9]+)");

    private final CloseableHttpClient http;
    private final boolean ownsClient;

    /** @param http a client without credentials that follows no redirects; the caller closes it */
    public HttpDownloadAdapter(CloseableHttpClient http) {
        this(http, false);
    }

    private HttpDownloadAdapter(CloseableHttpClient http, boolean ownsClient) {
        this.http = Objects.requireNonNull(http, "http");
        this.ownsClient = ownsClient;
    }

    /**
     * An adapter with its own pooled client (separate from the API's), closed by {@link #close()}.
     *
     * @param config timeouts and pool size (the API key in it is not used)
     * @return the adapter
     */
    public static HttpDownloadAdapter create(CometlyHttpConfig config) {
        return new HttpDownloadAdapter(HttpClients5.create(config.connectTimeout(), config.downloadTimeout(),
                config.maxConnections(), HttpClients5.userAgent()), true);
    }

    @Override
    public DownloadOpening open(DownloadUrl url, long offset, String expectedEtag) {
        String where = url.redacted();
        checkSecure(url);
        HttpGet get = new HttpGet(url.uri());
        if (offset > 0) {
            get.setHeader("Range", "bytes=" + offset + "-");
        }
        if (expectedEtag != null) {
            get.setHeader("If-Match", expectedEtag);
        }
        ClassicHttpResponse response;
        try {
            response = http.executeOpen(null, get, null);
        } catch (IOException e) {
            throw new ExportTransportException("could not open " + where + ": " + scrub(e, url), e, false);
        }
        boolean handedOver = false;
        try {
            int status = response.getCode();
            if (status == 200 || status == 206) {
                DownloadOpening.Opened opened = opened(get, response, status, offset, where, url);
                handedOver = true;
                return opened;
            }
            String body = smallBody(response);
            if (status == 416 && offset > 0) {
                return nothingLeft(response, offset, expectedEtag, where);
            }
            if (status == 403 && body.contains("expired")) {
                return new DownloadOpening.LinkExpired("403 " + s3Code(body) + ": Request has expired");
            }
            if (status == 412) {
                return new DownloadOpening.ObjectChanged("412 Precondition Failed");
            }
            if (status >= 500) {
                throw new ExportTransportException("download from " + where + " answered " + status + " "
                        + s3Code(body), null, false);
            }
            if (status / 100 == 3) {
                throw new ExportProtocolException("download from " + where + " answered a redirect (" + status
                        + "), which is not followed", null);
            }
            if (status == 404 || status == 403) {
                // Not expired: the object is gone (S3 says 403 rather than 404 to a signer that may not list the
                // bucket) or the link can never open it; this job cannot deliver its file again, a new job can.
                throw new ExportApiException(status, ExportApiException.Kind.FILE_GONE, s3Code(body), Map.of(),
                        "download from " + where);
            }
            throw new ExportApiException(status, s3Code(body), Map.of(), "download from " + where);
        } finally {
            if (!handedOver) {
                closeQuietly(response);
            }
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            try {
                http.close();
            } catch (IOException e) {
                LOG.debug("closing the download client failed: {}", e.getMessage());
            }
        }
    }

    /**
     * A resume asked for bytes from the very end: S3 answers 416 with {@code Content-Range: bytes *}{@code /<size>}.
     * When the size is where the held bytes end (and {@code If-Match} held, which S3 checks first), the file is
     * complete and there is nothing left to fetch; any other size means the held bytes are not this object's.
     */
    private static DownloadOpening nothingLeft(ClassicHttpResponse response, long offset, String expectedEtag,
                                               String where) {
        Header range = response.getFirstHeader("Content-Range");
        Matcher m = range == null ? null : UNSATISFIED_RANGE.matcher(range.getValue().trim());
        if (m != null && m.matches() && Long.parseLong(m.group(1)) == offset) {
            return new DownloadOpening.Opened(InputStream.nullInputStream(), offset, offset, expectedEtag);
        }
        return new DownloadOpening.ObjectChanged("416 from " + where + ": the object is not " + offset
                + " bytes long");
    }

    private static void checkSecure(DownloadUrl url) {
        String scheme = url.uri().getScheme();
        if ("https".equalsIgnoreCase(scheme)) {
            return;
        }
        if ("http".equalsIgnoreCase(scheme) && isLoopback(url.host())) {
            return;
        }
        throw new ExportTransportException("refused to download " + url.redacted() + ": a download link must be "
                + "https (plain http only to loopback addresses)", null, false);
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private DownloadOpening.Opened opened(HttpGet get, ClassicHttpResponse response, int status, long offset, String where,
                                          DownloadUrl url) {
        Header lengthHeader = response.getFirstHeader("Content-Length");
        long length = response.getEntity() == null ? 0 : response.getEntity().getContentLength();
        if (lengthHeader == null || length < 0) {
            length = -1;
        }
        String etag = response.getFirstHeader("ETag") == null ? null : response.getFirstHeader("ETag").getValue();
        long total;
        long skip = 0;
        if (status == 206) {
            Header range = response.getFirstHeader("Content-Range");
            Matcher m = range == null ? null : CONTENT_RANGE.matcher(range.getValue().trim());
            if (m == null || !m.matches()) {
                throw new ExportProtocolException("download from " + where + " answered 206 without a valid "
                        + "Content-Range", null);
            }
            long first = Long.parseLong(m.group(1));
            if (first != offset) {
                throw new ExportProtocolException("download from " + where + " asked for byte " + offset
                        + " but got a range from byte " + first, null);
            }
            total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        } else {
            // The server sent the whole object (it ignored Range, or none was asked): skip what is held already.
            total = length;
            skip = offset;
        }
        InputStream body;
        try {
            body = response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent();
            if (skip > 0) {
                body.skipNBytes(skip);
            }
        } catch (IOException e) {
            throw new ExportTransportException("download from " + where + " broke at the start: " + scrub(e, url), e,
                    false);
        }
        return new DownloadOpening.Opened(new ResponseBody(body, get, response, url), offset, total, etag);
    }

    private static String smallBody(ClassicHttpResponse response) {
        if (response.getEntity() == null) {
            return "";
        }
        try (InputStream in = response.getEntity().getContent()) {
            return new String(in.readNBytes(8192), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** S3's {@code <Code>} and {@code <Message>}, which never carry the query string. */
    private static String s3Code(String body) {
        Matcher code = Pattern.compile("<Code>([^<]{1,100})</Code>").matcher(body);
        Matcher message = Pattern.compile("<Message>([^<]{1,300})</Message>").matcher(body);
        String c = code.find() ? code.group(1) : "";
        String m = message.find() ? message.group(1) : "";
        return (c + (m.isEmpty() ? "" : " " + m)).trim();
    }

    private static String scrub(Throwable e, DownloadUrl url) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String query = url.uri().getRawQuery();
        return Redaction.scrub(query == null ? message : message.replace(query, "<redacted>"));
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // The connection is discarded either way.
        }
    }

    /** The body: closed after its end, the connection is reused; closed before, the exchange is aborted, not drained. */
    private static final class ResponseBody extends FilterInputStream {
        private final HttpGet request;
        private final ClassicHttpResponse response;
        private final DownloadUrl url;
        private boolean ended;

        ResponseBody(InputStream in, HttpGet request, ClassicHttpResponse response, DownloadUrl url) {
            super(in);
            this.request = request;
            this.response = response;
            this.url = url;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = in.read();
                ended |= b < 0;
                return b;
            } catch (IOException e) {
                throw clean(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                ended |= n < 0;
                return n;
            } catch (IOException e) {
                throw clean(e);
            }
        }

        private IOException clean(IOException e) {
            return new IOException(e.getClass().getSimpleName() + ": " + scrub(e, url), e);
        }

        @Override
        public void close() {
            if (!ended) {
                request.cancel();
            }
            closeQuietly(response);
        }
    }
}
