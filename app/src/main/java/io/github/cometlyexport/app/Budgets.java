package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.jdbc.JdbcRequestBudget;
import io.github.cometlyexport.adapter.jdbc.LedgerDatabase;
import io.github.cometlyexport.domain.RateLimit;
import io.github.cometlyexport.port.driven.RequestBudget;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.port.driven.Sleeper;

/**
 * The Space's two request budgets as {@link CometlyExport} wires them: the host's own, or kept in the ledger (for
 * every process that shares it), or in this process. Each budget waits through a sleeper that first tells the
 * host's {@link BudgetWaitListener} which budget waits and for how long (the budgets themselves say nothing).
 */
final class Budgets {
    private Budgets() {
    }

    /**
     * @param b     what the exporter is wired with
     * @param db    the ledger, or {@code null}
     * @param space the Space's name in the ledger
     * @return the budgets
     */
    static SpaceBudgets of(CometlyExportBuilder b, LedgerDatabase db, String space) {
        if (b.budgets != null) {
            return b.budgets;
        }
        CometlyExportConfig c = b.config;
        // The same limits as SpaceBudgets.inProcess and JdbcRequestBudget.spaceBudgets: statuses spaced, creates
        // in bursts; built one by one here so that each budget's waits are told apart.
        RateLimit status = RateLimit.spaced(c.statusRate(), c.rateWindow());
        RateLimit create = RateLimit.bursting(c.createRate(), c.rateWindow());
        Sleeper statusSleeper = told(b, "status");
        Sleeper createSleeper = told(b, "create");
        if (db != null) {
            return new SpaceBudgets(new JdbcRequestBudget(db, space, "status", status, statusSleeper),
                    new JdbcRequestBudget(db, space, "create", create, createSleeper));
        }
        return new SpaceBudgets(RequestBudget.inProcess(status, b.clock, statusSleeper),
                RequestBudget.inProcess(create, b.clock, createSleeper));
    }

    private static Sleeper told(CometlyExportBuilder b, String kind) {
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
