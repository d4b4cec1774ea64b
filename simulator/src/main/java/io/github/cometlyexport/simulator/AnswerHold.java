package io.github.cometlyexport.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One API answer the simulator holds back until the test releases it ({@link CometlySimulator#holdNextApiAnswer}):
 * the request was handled (a create made its job, and the journal has the entry), only the answer is not sent yet.
 * A test waits for {@link #awaitArrival}, does what must happen while the client waits (stop a database), then
 * {@link #release()}s it. Thread-safe.
 */
public final class AnswerHold {
    /** How long an answer is held at most, so that a test that forgets to release it cannot hang a client forever. */
    private static final Duration LONGEST = Duration.ofMinutes(5);
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    AnswerHold() {
    }

    /**
     * @param timeout how long to wait at most
     * @return whether the held request arrived (and was handled) within the timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitArrival(Duration timeout) throws InterruptedException {
        return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the held answer (or lets the next one through at once, if it has not arrived yet). */
    public void release() {
        released.countDown();
    }

    /** Called by the handler: tells the test, then waits for its release. */
    void hold() throws InterruptedException {
        arrived.countDown();
        released.await(LONGEST.toMillis(), TimeUnit.MILLISECONDS);
    }
}
