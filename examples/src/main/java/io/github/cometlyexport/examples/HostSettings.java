package io.github.cometlyexport.examples;

import io.github.cometlyexport.app.CometlyExportConfig;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.DayClosure;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host's settings, read from its environment once and checked as a whole: every problem is reported at once, in
 * one {@link IllegalArgumentException} whose message never holds the API key.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>meaning</th></tr>
 *   <tr><td>{@code EXPORT_PROFILE}</td><td>{@code dev} (default) or {@code prod}</td></tr>
 *   <tr><td>{@code COMETLY_API_KEY}</td><td>the Space's key, required</td></tr>
 *   <tr><td>{@code COMETLY_BASE_URL}</td><td>the API's base URL (a proxy, the simulator); default Cometly's</td></tr>
 *   <tr><td>{@code EXPORT_DESTINATION}</td><td>dev: a folder (default {@code exports}) or {@link #MEMORY} (the
 *       host's own in-memory store); prod: {@code s3://bucket/prefix}, required</td></tr>
 *   <tr><td>{@code COMETLY_SPACE_ZONE}</td><td>the Space's time zone ({@code Europe/Berlin}): days close sooner than
 *       in the default, the latest zone on earth</td></tr>
 *   <tr><td>{@code EXPORT_MAX_ATTEMPTS}</td><td>jobs created per day in all when jobs fail (default 3)</td></tr>
 *   <tr><td>{@code EXPORT_TIMEOUT}</td><td>longest wait for one job, ISO-8601 ({@code PT2H}, the default)</td></tr>
 *   <tr><td>{@code EXPORT_S3_ENDPOINT}</td><td>an S3-compatible endpoint (MinIO, Ceph, S3Proxy), addressed by
 *       path; default AWS itself</td></tr>
 * </table>
 */
public final class HostSettings {
    /** The {@code EXPORT_DESTINATION} of the host's own in-memory store (dev only). */
    public static final String MEMORY = "memory:";
    /** The dev profile's folder when {@code EXPORT_DESTINATION} is not set. */
    public static final String DEV_FOLDER = "exports";

    /** Where files go and which adapters carry them there. */
    public enum Profile {
        /** A folder, or the host's own in-memory store; no AWS SDK needed. */
        DEV,
        /** An S3 prefix (AWS, or an S3-compatible store); needs the AWS SDK ({@code -Pprod}). */
        PROD
    }

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final Profile profile;
    private final String destination;
    private final CometlyExportConfig config;

    private HostSettings(Profile profile, String destination, CometlyExportConfig config) {
        this.profile = profile;
        this.destination = destination;
        this.config = config;
    }

    /**
     * @param env the environment ({@code System.getenv()}, or a test's map)
     * @return the checked settings
     * @throws IllegalArgumentException naming every problem at once; the key is never in its message
     */
    public static HostSettings from(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        List<String> problems = new ArrayList<>();
        String keyText = value(env, "COMETLY_API_KEY");

        Profile profile = Profile.DEV;
        String profileText = value(env, "EXPORT_PROFILE");
        if (profileText != null) {
            try {
                profile = Profile.valueOf(profileText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("EXPORT_PROFILE must be dev or prod, was " + shown(profileText));
            }
        }

        ApiKey key = null;
        if (keyText == null) {
            problems.add("COMETLY_API_KEY is required (the Space's API key)");
        } else {
            try {
                key = new ApiKey(keyText);
            } catch (IllegalArgumentException e) {
                problems.add("COMETLY_API_KEY is not a key: " + e.getMessage());
            }
        }

        URI baseUrl = url(env, "COMETLY_BASE_URL", problems);
        URI s3Endpoint = url(env, "EXPORT_S3_ENDPOINT", problems);
        String destination = destination(profile, value(env, "EXPORT_DESTINATION"), problems);

        ZoneId zone = null;
        String zoneText = value(env, "COMETLY_SPACE_ZONE");
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                problems.add("COMETLY_SPACE_ZONE must be a time zone such as Europe/Berlin or UTC, was "
                        + shown(zoneText));
            }
        }

        Integer maxAttempts = null;
        String attemptsText = value(env, "EXPORT_MAX_ATTEMPTS");
        if (attemptsText != null) {
            try {
                maxAttempts = Integer.valueOf(attemptsText);
                if (maxAttempts < 1) {
                    problems.add("EXPORT_MAX_ATTEMPTS must be at least 1, was " + maxAttempts);
                }
            } catch (NumberFormatException e) {
                problems.add("EXPORT_MAX_ATTEMPTS must be a whole number, was " + shown(attemptsText));
            }
        }

        Duration timeout = null;
        String timeoutText = value(env, "EXPORT_TIMEOUT");
        if (timeoutText != null) {
            try {
                timeout = Duration.parse(timeoutText);
                if (timeout.isNegative() || timeout.isZero()) {
                    problems.add("EXPORT_TIMEOUT must be positive, was " + timeout);
                }
            } catch (DateTimeParseException e) {
                problems.add("EXPORT_TIMEOUT must be an ISO-8601 duration such as PT2H or PT30M, was "
                        + shown(timeoutText));
            }
        }

        CometlyExportConfig config = null;
        if (problems.isEmpty()) {
            CometlyExportConfig.Builder b = CometlyExportConfig.builder(key);
            if (baseUrl != null) {
                b.baseUrl(baseUrl);
            }
            if (zone != null) {
                b.closure(new DayClosure(zone, DayClosure.defaults().settle()));
            }
            if (maxAttempts != null) {
                b.maxAttempts(maxAttempts);
            }
            if (timeout != null) {
                b.timeout(timeout);
            }
            if (s3Endpoint != null) {
                b.s3(s3Endpoint, true);
            }
            try {
                config = b.build();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            String message = problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + " in the environment: " + String.join("; ", problems);
            // Belt and braces: whatever a message above quotes, the key is never shown.
            throw new IllegalArgumentException(keyText == null || keyText.isEmpty() ? message
                    : message.replace(keyText, "(not shown)"));
        }
        return new HostSettings(profile, destination, config);
    }

    private static String destination(Profile profile, String text, List<String> problems) {
        if (profile == Profile.PROD) {
            if (text == null) {
                problems.add("EXPORT_DESTINATION is required in prod: s3://bucket/prefix");
                return null;
            }
            if (!text.startsWith("s3://")) {
                problems.add("EXPORT_DESTINATION must be s3://bucket/prefix in prod, was " + shown(text));
                return null;
            }
            String rest = text.substring("s3://".length());
            String bucket = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            if (!BUCKET.matcher(bucket).matches()) {
                problems.add("EXPORT_DESTINATION names no valid bucket (3 to 63 of a-z, 0-9, '.' and '-')");
                return null;
            }
            if (!awsSdkPresent()) {
                problems.add("EXPORT_PROFILE=prod needs software.amazon.awssdk:s3 and apache5-client on the class "
                        + "path (build with -Pprod)");
            }
            return text;
        }
        if (text == null) {
            return DEV_FOLDER;
        }
        if (text.startsWith("s3://")) {
            problems.add("EXPORT_DESTINATION is a folder or " + MEMORY + " in dev; s3:// is for EXPORT_PROFILE=prod");
            return null;
        }
        return text;
    }

    private static boolean awsSdkPresent() {
        try {
            Class.forName("software.amazon.awssdk.services.s3.S3Client", false, HostSettings.class.getClassLoader());
            Class.forName("software.amazon.awssdk.http.apache5.Apache5HttpClient", false,
                    HostSettings.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static URI url(Map<String, String> env, String name, List<String> problems) {
        String text = value(env, name);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Reported below, as any URL that is not absolute.
        }
        problems.add(name + " must be an absolute http(s) URL, was " + shown(text));
        return null;
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** @return dev or prod */
    public Profile profile() {
        return profile;
    }

    /** @return a folder, {@link #MEMORY}, or {@code s3://bucket/prefix} (prod) */
    public String destination() {
        return destination;
    }

    /** @return whether the host's own in-memory store takes the files */
    public boolean inMemory() {
        return MEMORY.equals(destination);
    }

    /** @return the client's configuration, built with its builder from these settings */
    public CometlyExportConfig config() {
        return config;
    }

    /** @return the settings, never the key */
    @Override
    public String toString() {
        return "HostSettings[" + profile + ", " + destination + ", " + config + "]";
    }

    /**
     * @param typed what was set
     * @return it in quotes when it cannot be a secret (short, hardly any letters: a number, a duration, a zone
     *         offset), else {@code (not shown)}: a key set in the wrong variable must not reach a log
     */
    private static String shown(String typed) {
        if (typed != null && typed.length() <= 12 && typed.chars().filter(Character::isLetter).count() <= 3) {
            return "'" + typed + "'";
        }
        return "(not shown)";
    }
}
