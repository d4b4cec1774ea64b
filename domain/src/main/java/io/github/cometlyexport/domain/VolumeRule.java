package io.github.cometlyexport.domain;

import java.util.Arrays;
import java.util.List;

/**
 * When a stored day's line count is implausibly low against its neighbours: an upstream outage or a revoked
 * permission looks exactly like a quiet day, so a day far below the days before it is worth a look. A day is low
 * when it has fewer lines than {@code ratio} times the median of the previous {@code window} stored days, or none
 * at all after days that had some. The first day of a table (no earlier days) is never low. Pure, immutable,
 * thread-safe.
 *
 * @param ratio  the share of the median below which a day is low; default 0.25, from 0 (never) to 1
 * @param window how many earlier stored days the median is taken over; default 7, at least 1
 */
public record VolumeRule(double ratio, int window) {

    /**
     * Checks the bounds.
     *
     * @param ratio  the share of the median below which a day is low, from 0 to 1
     * @param window how many earlier stored days make the median, at least 1
     * @throws IllegalArgumentException if a bound is out of range
     */
    public VolumeRule {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("the low-volume ratio must be from 0 to 1, was " + ratio);
        }
        if (window < 1) {
            throw new IllegalArgumentException("the low-volume window must be at least 1 day, was " + window);
        }
    }

    /** @return a quarter of the median of the previous 7 stored days */
    public static VolumeRule defaults() {
        return new VolumeRule(0.25, 7);
    }

    /**
     * @param earlier the line counts of the stored days before this one, oldest first (only the last
     *                {@link #window()} count)
     * @param lines   this day's line count
     * @return why the day is low, or {@code null} when it is not
     */
    public String lowBecause(List<Long> earlier, long lines) {
        if (earlier.isEmpty()) {
            return null;
        }
        long[] last = earlier.subList(Math.max(0, earlier.size() - window), earlier.size()).stream()
                .mapToLong(Long::longValue).sorted().toArray();
        int n = last.length;
        double median = n % 2 == 1 ? last[n / 2] : (last[n / 2 - 1] + last[n / 2]) / 2.0;
        if (lines == 0 && Arrays.stream(last).anyMatch(c -> c > 0)) {
            return "no lines, after days that had some";
        }
        if (lines < ratio * median) {
            return lines + (lines == 1 ? " line" : " lines") + ", under " + Math.round(ratio * 100)
                    + "% of the median (" + formatted(median) + ") of the previous " + n + " stored "
                    + (n == 1 ? "day" : "days");
        }
        return null;
    }

    private static String formatted(double median) {
        return median == Math.rint(median) ? Long.toString((long) median) : Double.toString(median);
    }
}
