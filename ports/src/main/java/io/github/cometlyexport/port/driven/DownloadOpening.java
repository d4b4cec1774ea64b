package io.github.cometlyexport.port.driven;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The answer to opening a download link: a body to stream, or one of the two expected refusals.
 */
public sealed interface DownloadOpening permits DownloadOpening.Opened, DownloadOpening.LinkExpired,
        DownloadOpening.ObjectChanged {

    /**
     * The body is flowing. The caller must close it.
     *
     * @param body        the bytes from {@link #offset()} on; reads may throw {@link IOException} when the
     *                    connection breaks, which the caller answers by reopening from where it got to
     * @param offset      the byte the body starts at, equal to the requested offset
     * @param totalLength the whole object's size in bytes, or {@code -1} when the server did not say
     * @param etag        the object's {@code ETag}, or {@code null} when the server sent none
     */
    record Opened(InputStream body, long offset, long totalLength, String etag) implements DownloadOpening,
            AutoCloseable {
        /**
         * Checks the body and the offset.
         *
         * @param body        the bytes from {@code offset} on; not null
         * @param offset      the byte the body starts at; not negative
         * @param totalLength the whole object's size in bytes, or {@code -1} when the server did not say
         * @param etag        the object's {@code ETag}, or {@code null} when the server sent none
         * @throws IllegalArgumentException if {@code offset} is negative
         */
        public Opened {
            Objects.requireNonNull(body, "body");
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative");
            }
        }

        /** @return the whole object's size, when the server said */
        public OptionalLong knownTotalLength() {
            return totalLength < 0 ? OptionalLong.empty() : OptionalLong.of(totalLength);
        }

        /** @return the ETag, when the server sent one */
        public Optional<String> knownEtag() {
            return Optional.ofNullable(etag);
        }

        /** Closes the body, releasing the connection. */
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * The link is past its expiry (S3 answers 403 "Request has expired"). Renew it by fetching the job's status
     * again; never retry the dead link.
     *
     * @param detail what the server said, free of the query string
     */
    record LinkExpired(String detail) implements DownloadOpening {
    }

    /**
     * The object is not the one a resume was pinned to ({@code If-Match} answered 412). Start over from byte zero.
     *
     * @param detail what the server said
     */
    record ObjectChanged(String detail) implements DownloadOpening {
    }
}
