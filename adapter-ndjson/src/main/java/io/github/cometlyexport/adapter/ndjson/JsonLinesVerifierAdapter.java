package io.github.cometlyexport.adapter.ndjson;

import io.github.cometlyexport.port.driven.ExportIntegrityException;
import io.github.cometlyexport.port.driven.ExportInterruptedException;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks that every line of an export is exactly one well-formed JSON object, with one JSON-P (Parsson) streaming
 * parser for the whole file, on a thread of its own.
 *
 * <p>Why this shape: a parser per line spends more on setting up (a reader, a decoder, buffers) than on parsing;
 * one parser is fed the file framed as a JSON array ({@code [} first, a comma before every non-blank line but the
 * first, {@code ]} last) without adding or removing a newline, so the parser's own line numbers are the file's. Each
 * top-level value must be an object on a line after the previous one's: two objects on a line, an object over
 * several lines (its second line gets a comma and no longer parses), a value that is not an object, a cut or garbled
 * line all fail, naming the line where parsing broke. The parser runs on a second thread fed through a small bounded queue, so checking overlaps with receiving,
 * hashing and inflating. Binding lines into types with JSON-B costs two to three times as much, so typed events are
 * left to {@link ExportEventReader}. Thread-safe; each verifier is used by one thread (plus its own parser thread).
 */
public final class JsonLinesVerifierAdapter implements VerifyExportLinesPort {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final byte[] END = new byte[0];

    private final JsonParserFactory factory = Json.createParserFactory(Map.of());

    @Override
    public LineVerifier start() {
        return new Verifier(factory);
    }

    private static final class Verifier implements LineVerifier {
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(16);
        private final Thread parserThread;
        private volatile RuntimeException failure;
        private volatile long lines;
        private volatile boolean reachedEnd;
        private boolean started;
        private boolean lineHasContent;
        private boolean anyLine;
        private boolean finished;

        Verifier(JsonParserFactory factory) {
            parserThread = new Thread(() -> parse(factory), "cometly-line-verifier-" + THREADS.incrementAndGet());
            parserThread.setDaemon(true);
            parserThread.start();
        }

        @Override
        public void accept(byte[] chunk, int offset, int length) {
            failIfFailed();
            byte[] framed = new byte[length + length / 64 + 2];
            int n = 0;
            if (!started) {
                framed[n++] = '[';
                started = true;
            }
            for (int i = offset; i < offset + length; i++) {
                byte b = chunk[i];
                if (b == '\n') {
                    lineHasContent = false;
                } else if (!lineHasContent && b != ' ' && b != '\t' && b != '\r') {
                    lineHasContent = true;
                    if (anyLine) {
                        if (n + 2 > framed.length) {
                            framed = java.util.Arrays.copyOf(framed, framed.length * 2);
                        }
                        framed[n++] = ',';
                    }
                    anyLine = true;
                }
                if (n + 2 > framed.length) {
                    framed = java.util.Arrays.copyOf(framed, framed.length * 2);
                }
                framed[n++] = b;
            }
            put(n == framed.length ? framed : java.util.Arrays.copyOf(framed, n));
        }

        @Override
        public long finish() {
            failIfFailed();
            put(started ? new byte[] {']'} : new byte[] {'[', ']'});
            put(END);
            finished = true;
            try {
                parserThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExportInterruptedException("interrupted while verifying lines", e);
            }
            failIfFailed();
            if (!reachedEnd) {
                throw new IllegalStateException("the line verifier stopped before the end of the file");
            }
            return lines;
        }

        @Override
        public void close() {
            if (!finished) {
                finished = true;
                parserThread.interrupt();
            }
        }

        private void put(byte[] bytes) {
            try {
                while (!queue.offer(bytes, 100, TimeUnit.MILLISECONDS)) {
                    failIfFailed();
                    if (!parserThread.isAlive()) {
                        throw new IllegalStateException("the line verifier stopped before the end of the file");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExportInterruptedException("interrupted while verifying lines", e);
            }
        }

        private void failIfFailed() {
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
        }

        private void parse(JsonParserFactory factory) {
            long previousLine = 0;
            long count = 0;
            try (JsonParser parser = factory.createParser(new QueueInputStream(queue), StandardCharsets.UTF_8)) {
                if (parser.next() != JsonParser.Event.START_ARRAY) {
                    throw new IllegalStateException("framing");
                }
                while (true) {
                    JsonParser.Event event = parser.next();
                    if (event == JsonParser.Event.END_ARRAY) {
                        break;
                    }
                    long line = parser.getLocation().getLineNumber();
                    if (event != JsonParser.Event.START_OBJECT) {
                        throw notAnObject(line, "a " + event.name().toLowerCase(java.util.Locale.ROOT)
                                .replace("value_", "") + " instead of an object");
                    }
                    if (line == previousLine) {
                        throw notAnObject(line, "a second object on the same line");
                    }
                    int depth = 1;
                    while (depth > 0) {
                        JsonParser.Event e = parser.next();
                        if (e == JsonParser.Event.START_OBJECT || e == JsonParser.Event.START_ARRAY) {
                            depth++;
                        } else if (e == JsonParser.Event.END_OBJECT || e == JsonParser.Event.END_ARRAY) {
                            depth--;
                        }
                    }
                    previousLine = line;
                    count++;
                    lines = count;
                }
                if (parser.hasNext()) {
                    throw notAnObject(previousLine, "text after the last line");
                }
                reachedEnd = true;
            } catch (ExportIntegrityException e) {
                failure = e;
            } catch (JsonException | NoSuchElementException | IllegalStateException e) {
                long line = lineOf(e, previousLine);
                failure = notAnObject(line, e.getMessage());
            } catch (RuntimeException e) {
                failure = new ExportIntegrityException("line verification failed: " + e, e);
            } catch (Error e) {
                // The thread is dying (out of memory, say): the file is unverified, so it must not be published.
                failure = new IllegalStateException("the line verifier stopped: " + e, e);
            } finally {
                queue.clear();
            }
        }

        private static long lineOf(RuntimeException e, long previousLine) {
            if (e instanceof jakarta.json.stream.JsonParsingException p && p.getLocation() != null) {
                return Math.max(1, p.getLocation().getLineNumber());
            }
            return previousLine + 1;
        }

        private static ExportIntegrityException notAnObject(long line, String why) {
            return new ExportIntegrityException("line " + line + " is not one JSON object"
                    + (why == null ? "" : " (" + why + ")"), null);
        }
    }

    /** The chunks of the queue as one stream; an empty chunk ends it. */
    private static final class QueueInputStream extends InputStream {
        private final BlockingQueue<byte[]> queue;
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        QueueInputStream(BlockingQueue<byte[]> queue) {
            this.queue = queue;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos >= current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("line verification stopped");
                }
                pos = 0;
                if (current.length == 0) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
