package io.github.cometlyexport.adapter.parquet;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/** ISO-8601 instants to microseconds since the epoch, exactly or not at all. Stateless. */
final class Timestamps {
    private Timestamps() {
    }

    /**
     * @param text a JSON string's value
     * @return microseconds since the epoch, or {@code null} when the text is not an ISO instant that microseconds
     *         hold exactly (then the value goes to the extra object)
     */
    static Long micros(String text) {
        Long fast = utcSeconds(text);
        if (fast != null) {
            return fast;
        }
        try {
            Instant instant = Instant.parse(text);
            if (instant.getNano() % 1000 != 0) {
                return null;
            }
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * The common form, {@code 2024-01-15T10:23:45Z} or with up to 6 fraction digits, read without a formatter;
     * anything else is left to {@link Instant#parse}.
     */
    private static Long utcSeconds(String t) {
        int n = t.length();
        if (n < 20 || n > 27 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long micros = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fraction = digits(t, 20, n - 21);
            if (fraction < 0) {
                return null;
            }
            micros = fraction;
            for (int i = n - 21; i < 6; i++) {
                micros *= 10;
            }
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return ((epochDay * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + micros;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** @return the decimal value of {@code count} digits at {@code from}, or -1 when one is not a digit */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
