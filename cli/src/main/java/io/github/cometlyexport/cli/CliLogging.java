package io.github.cometlyexport.cli;

import io.github.cometlyexport.domain.internal.Redaction;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.LocationAwareLogger;
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
 *
 * <p>Libraries that log through {@code java.util.logging} (the PostgreSQL driver) are routed here too, by SLF4J's
 * bridge, and shown only with {@code --verbose}: their lines are for their developers, and the driver's can quote a
 * mistyped URL, password included. Every line, and every stack trace, is scrubbed ({@link Redaction}) of URL query
 * strings, URL passwords, and the literal secrets the run registered ({@link #secrets}).
 */
public final class CliLogging implements SLF4JServiceProvider {
    private static final String OWN_LOGGERS = "io.github.cometlyexport.";
    /** The class name SLF4J's bridge gives as the caller of every line it forwards from java.util.logging. */
    private static final String JUL_CALLER = "java.util.logging.Logger";
    private static volatile boolean verbose;
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final ILoggerFactory loggers = CliLogger::new;

    /** Makes this the SLF4J backend of the process; call before any logger is created. */
    static void install() {
        System.setProperty("slf4j.provider", CliLogging.class.getName());
        // SLF4J would otherwise report on stderr, at every start, that it loaded the provider named here.
        System.setProperty("slf4j.internal.verbosity", "WARN");
        // java.util.logging's console handler would print libraries' lines raw, unscrubbed and always.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** @param values literal secrets of the run (a ledger password, the key): removed from every line from now on */
    static void secrets(Collection<String> values) {
        values.stream().filter(v -> v != null && !v.isEmpty()).forEach(SECRETS::add);
    }

    /** @return the text without URL query strings, URL passwords and the registered secrets */
    static String scrub(String text) {
        return Redaction.scrub(text, SECRETS.toArray(String[]::new));
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
    private static final class CliLogger extends LegacyAbstractLogger implements LocationAwareLogger {
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

        /** Lines forwarded from java.util.logging (SLF4J's bridge calls this) are shown only with --verbose. */
        @Override
        public void log(Marker marker, String fqcn, int level, String message, Object[] argArray, Throwable t) {
            Level at = Level.intToLevel(level);
            if (JUL_CALLER.equals(fqcn) && !verbose || !isEnabledForLevel(at)) {
                return;
            }
            handleNormalizedLoggingCall(at, marker, message, argArray, t);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            String message = scrub(MessageFormatter.basicArrayFormat(pattern, arguments));
            String line = verbose
                    ? LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [" + Thread.currentThread().getName() + "] "
                            + level + " " + name + " - " + message
                    : "cometly-export: " + (level == Level.INFO ? "" : level.toString().toLowerCase() + ": ")
                            + message;
            PrintStream err = System.err;
            synchronized (err) {
                err.println(line);
                if (throwable != null && verbose) {
                    StringWriter trace = new StringWriter();
                    throwable.printStackTrace(new PrintWriter(trace));
                    err.print(scrub(trace.toString()));
                }
            }
        }
    }
}
