package io.github.cometlyexport.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answering an exchange on either host, journaled first: a client that has its answer always finds the request in
 * the {@link Journal}. Thread-safe.
 */
final class Exchanges {
    private static final String HOST = "journal.host";
    private static final String SPACE = "journal.space";
    private static final String DONE = "journal.done";
    private static final String BODY = "journal.body";

    private final Journal journal;
    private final java.util.Queue<AnswerHold> holds = new java.util.concurrent.ConcurrentLinkedQueue<>();

    Exchanges(Journal journal) {
        this.journal = journal;
    }

    static void host(HttpExchange ex, Journal.Host host) {
        ex.setAttribute(HOST, host);
    }

    static void space(HttpExchange ex, String space) {
        ex.setAttribute(SPACE, space);
    }

    /** Keeps a create's JSON body for the journal (bodies carry filters, never credentials). */
    static void body(HttpExchange ex, String body) {
        ex.setAttribute(BODY, body);
    }

    /** Journals the exchange, then sends the status line and headers ({@code length} as the JDK server takes it). */
    void send(HttpExchange ex, int status, long length) throws IOException {
        journal.add(entry(ex, status));
        ex.setAttribute(DONE, Boolean.TRUE);
        AnswerHold hold = ex.getAttribute(HOST) == Journal.Host.API ? holds.poll() : null;
        if (hold != null) {
            try {
                hold.hold();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while holding the answer", e);
            }
        }
        ex.sendResponseHeaders(status, length);
    }

    /** Holds the next API answer, after its request was handled and journaled, until the hold is released. */
    AnswerHold holdNext() {
        AnswerHold hold = new AnswerHold();
        holds.add(hold);
        return hold;
    }

    /** Journals an exchange that ended before any answer was sent (the client went away, an internal error). */
    void unanswered(HttpExchange ex) {
        if (ex.getAttribute(DONE) == null) {
            journal.add(entry(ex, -1));
        }
    }

    void json(HttpExchange ex, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        send(ex, status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    void message(HttpExchange ex, int status, String message) throws IOException {
        json(ex, status, jakarta.json.Json.createObjectBuilder().add("message", message).build());
    }

    /** An S3-style XML error. */
    void xml(HttpExchange ex, int status, String code, String message) throws IOException {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message><RequestId>SIMULATOR</RequestId></Error>";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        send(ex, status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static Journal.Entry entry(HttpExchange ex, int status) {
        Headers h = ex.getRequestHeaders();
        return new Journal.Entry((Journal.Host) ex.getAttribute(HOST), ex.getRequestMethod(),
                ex.getRequestURI().getPath(), status, h.containsKey("Authorization"), h.getFirst("Range"),
                h.getFirst("If-Match"), (String) ex.getAttribute(SPACE), (String) ex.getAttribute(BODY));
    }
}
