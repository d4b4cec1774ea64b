package io.github.cometlyexport.cli;

import java.util.List;
import java.util.logging.Logger;

/**
 * A JVM with the CLI's logging (as its {@code main} installs it) in which a library logs through
 * {@code java.util.logging} what the PostgreSQL driver logs for a URL with user-info: its password.
 */
public final class JulProbe {
    private JulProbe() {
    }

    public static void main(String[] args) {
        CliLogging.install();
        CliLogging.verbose(args.length > 0 && args[0].equals("verbose"));
        CliLogging.secrets(LedgerSecrets.of("jdbc:postgresql://u:hunter2@db/x", java.util.Map.of()));
        Logger driver = Logger.getLogger("org.postgresql.Driver");
        driver.warning("JDBC URL invalid port number: hunter2@db");
        driver.severe("cannot connect to postgresql://u:hunter2@db/x");
        System.out.println("probe done " + List.of(args));
    }
}
