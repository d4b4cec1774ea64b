package io.github.cometlyexport.port.driven;

import io.github.cometlyexport.domain.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A Space's two request budgets, made once per Space by whoever wires the adapters and handed to every adapter
 * that calls the API with a key of that Space, so that they keep the Space's limits together.
 *
 * @param status the budget of status requests ({@code GET …/exports/{id}})
 * @param create the budget of creates ({@code POST …/exports})
 */
public record SpaceBudgets(RequestBudget status, RequestBudget create) {

    /** Cometly's documented status limit: 30 requests per minute per Space. */
    public static final int STATUS_PER_MINUTE = 30;
    /** Cometly's documented create limit: 5 requests per minute per Space. */
    public static final int CREATES_PER_MINUTE = 5;

    /**
     * Checks that both budgets are given.
     *
     * @param status the budget of status requests; not null
     * @param create the budget of creates; not null
     * @throws NullPointerException if a budget is null
     */
    public SpaceBudgets {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(create, "create");
    }

    /**
     * Refuses every later request of the Space: the server refused its key.
     *
     * @param refusal what the server answered
     */
    public void refuse(ExportApiException refusal) {
        status.refuse(refusal);
        create.refuse(refusal);
    }

    /**
     * Budgets kept in this process: status requests spaced evenly over the window, creates in bursts.
     *
     * @param statusPerWindow status requests per window
     * @param createsPerWindow creates per window
     * @param window          the window (Cometly: one minute, in the clock's time)
     * @param clock           the time source
     * @param sleeper         waits for the window
     * @return the two budgets
     */
    public static SpaceBudgets inProcess(int statusPerWindow, int createsPerWindow, Duration window, Clock clock,
                                         Sleeper sleeper) {
        return new SpaceBudgets(RequestBudget.inProcess(RateLimit.spaced(statusPerWindow, window), clock, sleeper),
                RequestBudget.inProcess(RateLimit.bursting(createsPerWindow, window), clock, sleeper));
    }

    /**
     * @param clock   the time source
     * @param sleeper waits for the window
     * @return in-process budgets at Cometly's documented limits
     */
    public static SpaceBudgets cometlyLimits(Clock clock, Sleeper sleeper) {
        return inProcess(STATUS_PER_MINUTE, CREATES_PER_MINUTE, Duration.ofMinutes(1), clock, sleeper);
    }
}
