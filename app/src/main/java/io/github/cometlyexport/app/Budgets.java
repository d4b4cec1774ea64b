package io.github.cometlyexport.app;

import io.github.cometlyexport.domain.RateLimit;
import io.github.cometlyexport.port.driven.RequestBudget;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;

/**
 * The Space's two request budgets as {@link CometlyExport} wires them: the host's own, or kept in the ledger for
 * every process that shares it ({@link Ledgers}), or in this process. Each budget waits through a sleeper that first
 * tells the host's {@link BudgetWaitListener} which budget waits and for how long (the budgets themselves say
 * nothing).
 */
final class Budgets {
    private Budgets() {
    }

    /**
     * @param b      what the client is wired with
     * @param shared the budgets kept in the ledger, or {@code null}
     * @return the budgets every table of the client shares
     */
    static SpaceBudgets of(CometlyExportBuilder b, SpaceBudgets shared) {
        if (b.budgets != null) {
            return b.budgets;
        }
        if (shared != null) {
            return shared;
        }
        CometlyExportConfig c = b.config;
        // The same limits as SpaceBudgets.inProcess and the ledger's: statuses spaced, creates in bursts; built one
        // by one here so that each budget's waits are told apart.
        return new SpaceBudgets(
                RequestBudget.inProcess(RateLimit.spaced(c.statusRate(), c.rateWindow()), b.clock, told(b, "status")),
                RequestBudget.inProcess(RateLimit.bursting(c.createRate(), c.rateWindow()), b.clock,
                        told(b, "create")));
    }

    /**
     * @param b    what the client is wired with
     * @param kind {@code status} or {@code create}
     * @return the builder's sleeper, telling its listener of each wait first
     */
    static Sleeper told(CometlyExportBuilder b, String kind) {
        BudgetWaitListener listener = b.budgetWaits;
        Sleeper sleeper = b.sleeper;
        return wait -> {
            if (!wait.isNegative() && !wait.isZero()) {
                listener.waiting(kind, wait);
            }
            sleeper.sleep(wait);
        };
    }
}
