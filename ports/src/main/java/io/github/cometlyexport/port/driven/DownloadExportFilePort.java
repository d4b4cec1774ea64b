package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.DownloadUrl;

/**
 * Opens a completed export's file at its presigned link, from a byte offset. Implementations send no
 * {@code Authorization} header and no cookies, refuse plain {@code http} except to loopback addresses, do not
 * follow redirects to other hosts, and never print the link's query string. Thread-safe.
 */
public interface DownloadExportFilePort {

    /**
     * @param url          the presigned link
     * @param offset       the first byte wanted; 0 for the whole file
     * @param expectedEtag the ETag to pin a resume to ({@code If-Match}), or {@code null} not to pin
     * @return the flowing body, or {@link DownloadOpening.LinkExpired} or {@link DownloadOpening.ObjectChanged}
     * @throws ExportTransportException on network failure, or a refused insecure link
     * @throws ExportProtocolException  when the server answers something a download cannot use (a wrong
     *                                  {@code Content-Range}, an unexpected status)
     * @throws ExportApiException       of kind {@link ExportApiException.Kind#FILE_GONE} when the link answers that
     *                                  the file is not there (404, or a 403 other than the link's expiry)
     */
    DownloadOpening open(DownloadUrl url, long offset, String expectedEtag);
}
