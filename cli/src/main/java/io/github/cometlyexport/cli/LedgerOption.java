package io.github.cometlyexport.cli;

import picocli.CommandLine.Option;

/** Where the ledger is: the state every process of a Space shares (jobs, leases, the request log). */
final class LedgerOption {
    @Option(names = "--ledger", paramLabel = "URL", description = "The ledger: jdbc:sqlite:FILE (processes of one "
            + "host), jdbc:postgresql://HOST/DB (several hosts; user and password from the URL or PGUSER/PGPASSWORD) "
            + "or none (COMETLY_LEDGER; default jdbc:sqlite:$XDG_STATE_HOME/cometly-export/ledger.db, "
            + "~/.local/state when unset).")
    String url;
}
