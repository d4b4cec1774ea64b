package io.github.cometlyexport.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated job: who made it, when, what it asked for, how it behaves ({@link JobScript}) and its generated
 * file. Its state is a function of time ({@link #stateAt}). The script and fault counters are guarded by the
 * {@link Jobs} board's lock; the rest is fixed at creation.
 */
final class SimJob {
    /** A job's state, as the API names it. */
    enum State {
        QUEUED("queued"), PROCESSING("processing"), COMPLETED("completed"), FAILED("failed");

        final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }
    }

    final long id;
    final String space;
    final Instant createdAt;
    final SimRequest request;
    final String objectName = UUID.randomUUID() + ".json.gz";
    final Path file;
    JobScript script;
    int cutsLeft;
    int stallsLeft;
    /** The file was removed from the bucket (Cometly keeps files only for a while): downloads answer 404. */
    volatile boolean fileGone;
    volatile CompletableFuture<EventFile.Written> written = new CompletableFuture<>();

    SimJob(long id, String space, Instant createdAt, JobScript script, SimRequest request, Path file) {
        this.id = id;
        this.space = space;
        this.createdAt = createdAt;
        this.request = request;
        this.file = file;
        rescript(script);
    }

    void rescript(JobScript newScript) {
        script = newScript;
        cutsLeft = newScript.cutTimes();
        stallsLeft = newScript.stallTimes();
    }

    Instant completedAt() {
        return createdAt.plus(script.queuedFor()).plus(script.processingFor());
    }

    State stateAt(Instant now) {
        if (script.outcome() == JobScript.Outcome.STAY_QUEUED || now.isBefore(createdAt.plus(script.queuedFor()))) {
            return State.QUEUED;
        }
        if (now.isBefore(completedAt())) {
            return State.PROCESSING;
        }
        if (script.outcome() == JobScript.Outcome.FAILED) {
            return State.FAILED;
        }
        // A big file is still being written: the job is still processing, as at Cometly.
        return fileReady() ? State.COMPLETED : State.PROCESSING;
    }

    boolean fileReady() {
        return written.isDone() && !written.isCompletedExceptionally();
    }

    long servedLength() {
        return fileLength() + script.appendBytes().length;
    }

    /** @return how much of the written file is served, before any appended bytes */
    private long fileLength() {
        return Math.max(0, written.join().length() - script.truncateBytes());
    }

    String servedEtag() {
        String etag = written.join().etag();
        if (script.truncateBytes() > 0 || script.flipByteAt() >= 0 || script.appendBytes().length > 0) {
            return etag.substring(0, etag.length() - 1) + "-faulty\"";
        }
        return etag;
    }

    /**
     * The served bytes from {@code offset}: truncated, with a flipped byte and followed by appended bytes as the
     * script says.
     */
    InputStream open(long offset) throws IOException {
        long fileLimit = fileLength();
        byte[] appended = script.appendBytes();
        int intoAppended = (int) Math.max(0, offset - fileLimit);
        InputStream in = new SequenceInputStream(new BoundedFile(file, Math.min(offset, fileLimit), fileLimit),
                new ByteArrayInputStream(appended, intoAppended, appended.length - intoAppended));
        long flip = script.flipByteAt();
        long limit = servedLength();
        return new InputStream() {
            private long pos = offset;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= limit) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, limit - pos));
                if (n > 0) {
                    if (flip >= pos && flip < pos + n) {
                        b[off + (int) (flip - pos)] ^= (byte) 0x5a;
                    }
                    pos += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** A file's bytes from {@code offset} up to {@code limit}. */
    private static final class BoundedFile extends InputStream {
        private final InputStream in;
        private long left;

        BoundedFile(Path file, long offset, long limit) throws IOException {
            this.in = Files.newInputStream(file);
            in.skipNBytes(offset);
            this.left = limit - offset;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
