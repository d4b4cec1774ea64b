package io.github.cometlyexport.app.cli;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The CLI's own SLF4J backend: log lines for people on stderr. By default only INFO and above, as
 * {@code cometly-export: <message>}; with {@code --verbose} also DEBUG, with time, thread and logger names.
 *
 * <p>Why not slf4j-simple: it cannot drop its level word nor add a program-name prefix, and a CLI's messages are
 * read by people, not by log shippers. Why not logback: its configuration and start-up cost (the CLI must start
 * in well under a second) for two line formats. The provider is chosen with SLF4J's {@code slf4j.provider}
 * property by {@link #install()} in the CLI's {@code main} only, and is not registered as a service, so a host
 * application that links this module keeps its own logging backend.
 */
public final class CliLogging implements SLF4JServiceProvider {
    private static final String OWN_LOGGERS = "io.github.cometlyexport.";
    private static volatile boolean verbose;

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final ILoggerFactory loggers = CliLogger::new;

    /** Makes this the SLF4J backend of the process; call before any logger is created. */
    static void install() {
        System.setProperty("slf4j.provider", CliLogging.class.getName());
        // SLF4J would otherwise report on stderr, at every start, that it loaded the provider named here.
        System.setProperty("slf4j.internal.verbosity", "WARN");
    }

    /** @param on whether DEBUG lines, times, threads and logger names are shown */
    static void verbose(boolean on) {
        verbose = on;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Nothing to set up: the format is fixed and the stream is looked up at each line.
    }

    /** One named logger; thread-safe. */
    private static final class CliLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        CliLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            // Only our own debug lines: libraries' (HTTP wire, AWS SDK signing) would print request lines, which
            // hold presigned query strings, and are for their developers, not our users.
            return verbose && name.startsWith(OWN_LOGGERS);
        }

        @Override
        public boolean isInfoEnabled() {
            // Libraries' INFO (the ledger's pool starting, Flyway validating its schema) is for --verbose only.
            return verbose || name.startsWith(OWN_LOGGERS);
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            String line = verbose
                    ? LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [" + Thread.currentThread().getName() + "] "
                            + level + " " + name + " - " + message
                    : "cometly-export: " + (level == Level.INFO ? "" : level.toString().toLowerCase() + ": ")
                            + message;
            PrintStream err = System.err;
            synchronized (err) {
                err.println(line);
                if (throwable != null && verbose) {
                    throwable.printStackTrace(err);
                }
            }
        }
    }
}
