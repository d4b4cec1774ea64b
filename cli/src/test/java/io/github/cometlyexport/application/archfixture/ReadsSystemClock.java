package io.github.cometlyexport.application.archfixture;

/** Deliberately bad: the core must take time from an injected Clock. */
public final class ReadsSystemClock {
    private ReadsSystemClock() {
    }

    static long now() {
        return System.currentTimeMillis();
    }
}
