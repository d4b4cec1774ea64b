package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.jdbc.JdbcLedgerAdapter;
import io.github.cometlyexport.adapter.jdbc.JdbcRequestBudget;
import io.github.cometlyexport.adapter.jdbc.LedgerDatabase;
import io.github.cometlyexport.domain.RateLimit;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.port.driven.TrackExportDaysPort;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger as {@link CometlyExport} wires it, from a host's {@code DataSource} or the configured URL: the ledger
 * port and the Space's budgets kept in the same database, for every process that shares it. The only class of
 * {@code app} that touches {@code adapter-jdbc}, which is optional: it is loaded only when a ledger is asked for.
 */
final class Ledgers {
    private static final Logger LOG = LoggerFactory.getLogger(Ledgers.class);
    private static final String MISSING = "a ledger needs io.github.cometlyexport:cometly-export-adapter-jdbc on the "
            + "class path (with the JDBC driver of its database)";

    /**
     * @param ledger    the ledger port
     * @param budgets   the Space's budgets kept with it, or {@code null} for budgets in this process
     * @param resources what was opened, to close last to first
     */
    record Ledger(TrackExportDaysPort ledger, SpaceBudgets budgets, List<AutoCloseable> resources) {
        static final Ledger NONE = new Ledger(TrackExportDaysPort.none(), null, List.of());
    }

    private Ledgers() {
    }

    /**
     * @param b     what the client is wired with
     * @param space the Space's name in the ledger
     * @return the ledger, or {@link Ledger#NONE} when neither a pool nor a URL is given
     * @throws IllegalStateException if one is given but {@code adapter-jdbc} is not on the class path
     */
    static Ledger open(CometlyExportBuilder b, String space) {
        if (b.dataSource == null && !b.config.hasLedger()) {
            return Ledger.NONE;
        }
        try {
            return Jdbc.open(b, space);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(MISSING, e);
        }
    }

    /** Kept apart so that {@link Ledgers} itself loads without {@code adapter-jdbc}. */
    private static final class Jdbc {
        static Ledger open(CometlyExportBuilder b, String space) {
            LedgerDatabase db = b.dataSource != null ? LedgerDatabase.of(b.dataSource, b.clock)
                    : LedgerDatabase.open(b.config.ledger(), b.environment, b.clock);
            try {
                JdbcLedgerAdapter jdbc = new JdbcLedgerAdapter(db, b.config.leaseTtl(), b.sleeper);
                LOG.debug("ledger {} (this process: {})", db.describe(), jdbc.holder());
                CometlyExportConfig c = b.config;
                SpaceBudgets budgets = new SpaceBudgets(
                        new JdbcRequestBudget(db, space, "status", RateLimit.spaced(c.statusRate(), c.rateWindow()),
                                Budgets.told(b, "status")),
                        new JdbcRequestBudget(db, space, "create",
                                RateLimit.bursting(c.createRate(), c.rateWindow()), Budgets.told(b, "create")));
                return new Ledger(jdbc, budgets, List.of(db, jdbc));
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        }
    }
}
