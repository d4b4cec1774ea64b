package io.github.cometlyexport.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-Space, per-bucket (create, status) sliding 60-second windows, as a strict server would keep them. Thread-safe.
 */
final class SpaceWindows {
    private static final Duration WINDOW = Duration.ofSeconds(60);

    /**
     * @param remaining  requests left in the window after this one; negative when refused
     * @param retryAfter whole seconds until a request would be admitted (at least 1), when refused
     */
    record Admission(int remaining, long retryAfter) {
        boolean admitted() {
            return remaining >= 0;
        }
    }

    private final Map<String, Deque<Instant>> windows = new HashMap<>();

    synchronized Admission admit(String space, String bucket, int limit, Instant now) {
        Deque<Instant> window = windows.computeIfAbsent(space + "/" + bucket, k -> new ArrayDeque<>());
        while (!window.isEmpty() && !window.peekFirst().plus(WINDOW).isAfter(now)) {
            window.pollFirst();
        }
        if (window.size() >= limit) {
            long retry = Math.max(1, (long) Math.ceil(Duration.between(now, window.peekFirst().plus(WINDOW))
                    .toMillis() / 1000.0));
            return new Admission(-1, retry);
        }
        window.addLast(now);
        return new Admission(limit - window.size(), 0);
    }
}
