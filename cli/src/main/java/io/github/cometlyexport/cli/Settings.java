package io.github.cometlyexport.cli;

import io.github.cometlyexport.domain.internal.Redaction;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a setting comes from: a flag, else an environment variable, else the config file
 * ({@code $XDG_CONFIG_HOME/cometly-export/config.properties}, {@code ~/.config} when unset), else the default. The
 * environment is a map given in (the process's, or a test's), never read from the process here.
 */
final class Settings {
    private static final Pattern SHORT = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
    /**
     * The longest duration any setting takes: far beyond any wait that makes sense, and short enough that every
     * deadline computed from it (an instant, a count of nanoseconds) stays in range.
     */
    static final Duration LONGEST = Duration.ofDays(3650);

    private final Map<String, String> env;
    private final Properties file = new Properties();
    private final Path filePath;
    private final Path home;

    Settings(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
        this.filePath = base(env, "XDG_CONFIG_HOME", home, ".config").resolve("cometly-export/config.properties");
        if (Files.isRegularFile(filePath)) {
            try (Reader r = Files.newBufferedReader(filePath, StandardCharsets.UTF_8)) {
                file.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + filePath + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param flag     the flag's value, or null when not given
     * @param envName  the environment variable
     * @param fileKey  the key in the config file
     * @return the first value found, or null
     */
    String resolve(String flag, String envName, String fileKey) {
        if (flag != null) {
            return flag;
        }
        String fromEnv = envName == null ? null : env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        String fromFile = file.getProperty(fileKey);
        return fromFile == null || fromFile.isBlank() ? null : fromFile.trim();
    }

    Path file() {
        return filePath;
    }

    /** @return the environment */
    Map<String, String> env() {
        return env;
    }

    /** @return where state lives: {@code $XDG_STATE_HOME/cometly-export}, else {@code ~/.local/state/cometly-export} */
    Path stateFolder() {
        return base(env, "XDG_STATE_HOME", home, ".local/state").resolve("cometly-export");
    }

    /**
     * @return the XDG base directory the variable names, else {@code home/fallback}; as the XDG Base Directory
     *         specification says, a relative path in the variable is ignored
     */
    private static Path base(Map<String, String> env, String variable, Path home, String fallback) {
        String xdg = env.get(variable);
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(fallback);
    }

    /**
     * {@code 45s}, {@code 90m}, {@code 2h}, {@code 1d}, {@code 500ms}, or ISO-8601 ({@code PT2H}); from zero to
     * {@link #LONGEST}.
     *
     * @param text the text given
     * @param what the option, as the message names it (e.g. {@code --timeout})
     * @return the duration
     * @throws IllegalArgumentException naming {@code what} if the text is not such a duration
     */
    static Duration duration(String text, String what) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        Duration d;
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException e) {
            if (e.getCause() instanceof ArithmeticException) {
                throw new IllegalArgumentException(tooLong(what), e);
            }
            throw new IllegalArgumentException(what + " must be a duration like 45s, 90m, 2h or PT2H, not "
                + Redaction.echo(text), e);
        } catch (ArithmeticException | NumberFormatException e) {
            // Too many digits for a long, or more than a Duration holds: too long either way.
            throw new IllegalArgumentException(tooLong(what), e);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative");
        }
        if (d.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(tooLong(what));
        }
        return d;
    }

    private static String tooLong(String what) {
        return what + " is too long: at most " + LONGEST.toDays() + "d";
    }

    static int positiveInt(String text, String what) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number of at least 1, not "
                    + Redaction.echo(text), e);
        }
    }
}
