package io.github.cometlyexport.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every request the simulator answered, in order, for tests to assert on: 429s caused, credentials sent to the
 * download host, resumes made. Thread-safe.
 */
public final class Journal {

    /** Which host a request reached. */
    public enum Host {
        /** The Cometly API. */
        API,
        /** The S3-like download host. */
        DOWNLOAD
    }

    /**
     * One answered request.
     *
     * @param host              which host
     * @param method            HTTP method
     * @param path              path without the query string
     * @param status            the status answered
     * @param authorizationSent whether an {@code Authorization} header came with it
     * @param range             the {@code Range} header, or {@code null}
     * @param ifMatch           the {@code If-Match} header, or {@code null}
     * @param space             the Space of the key used, or {@code null}
     * @param body              a create's JSON body as received, or {@code null}
     */
    public record Entry(Host host, String method, String path, int status, boolean authorizationSent, String range,
                        String ifMatch, String space, String body) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(Entry entry) {
        entries.add(entry);
    }

    /** @return a snapshot of every entry so far */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * @param filter which entries
     * @return how many entries match
     */
    public synchronized long count(Predicate<Entry> filter) {
        return entries.stream().filter(filter).count();
    }

    /** @return how many requests were answered 429 */
    public long rateLimited() {
        return count(e -> e.status() == 429);
    }

    /** @return how many download requests carried an {@code Authorization} header */
    public long credentialsSentToDownloadHost() {
        return count(e -> e.host() == Host.DOWNLOAD && e.authorizationSent());
    }

    /** @return how many download requests asked for a byte range (resumes) */
    public long resumes() {
        return count(e -> e.host() == Host.DOWNLOAD && e.range() != null);
    }

    /**
     * @param dataset {@code events}, {@code contacts} or {@code companies}
     * @return how many jobs of that dataset were created
     */
    public long jobsCreated(String dataset) {
        return count(e -> e.method().equals("POST") && e.path().endsWith("/" + dataset + "/exports")
                && e.status() == 202);
    }

    /** @return how many jobs were created (successful POSTs), every dataset together */
    public long jobsCreated() {
        return count(e -> e.host() == Host.API && e.method().equals("POST") && e.status() / 100 == 2);
    }

    /** Forgets every entry. */
    public synchronized void clear() {
        entries.clear();
    }
}
