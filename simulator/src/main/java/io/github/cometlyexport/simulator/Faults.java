package io.github.cometlyexport.simulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Faults injected into the next API requests, on demand of a test. Thread-safe. */
final class Faults {
    private final Set<String> refusedKeys = ConcurrentHashMap.newKeySet();
    private int failNext;
    private int failStatus;
    private int throttleNext;

    synchronized void failNext(int count, int status) {
        failNext = count;
        failStatus = status;
    }

    synchronized void throttleNext(int count) {
        throttleNext = count;
    }

    void refuse(String key) {
        refusedKeys.add(key);
    }

    /** @return whether a key was made inactive since the simulator started */
    boolean refused(String key) {
        return refusedKeys.contains(key);
    }

    /** @return 429 or a 5xx status to answer the next request with, or 0 for none (each call uses one up) */
    synchronized int next() {
        if (throttleNext > 0) {
            throttleNext--;
            return 429;
        }
        if (failNext > 0) {
            failNext--;
            return failStatus;
        }
        return 0;
    }
}
