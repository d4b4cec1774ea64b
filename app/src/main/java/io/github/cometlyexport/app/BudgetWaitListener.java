package io.github.cometlyexport.app;

import java.time.Duration;

/**
 * Hears, before it begins, that a request is about to wait for the Space's budget, and how long: a host shows it (the
 * CLI prints a progress line for a long wait), so that a run paced by the budget does not look stuck. Called on the
 * waiting thread; implementations are quick, thread-safe and never throw.
 */
@FunctionalInterface
public interface BudgetWaitListener {
    /** Hears nothing. */
    BudgetWaitListener NONE = (kind, wait) -> {
    };

    /**
     * @param kind {@code status} or {@code create}
     * @param wait how long the request waits now (it may wait again after, if another took the budget meanwhile)
     */
    void waiting(String kind, Duration wait);
}
