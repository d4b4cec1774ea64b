package io.github.cometlyexport.adapter.http;

import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driven.SpaceBudgets;
import io.github.cometlyexport.simulator.CometlySimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared helpers for the adapter's tests against loopback servers. */
final class TestSupport {
    private TestSupport() {
    }

    /** A fresh key per test, so that no test can see another's jobs in a shared simulator. */
    static String uniqueKey() {
        return "test_key_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A configuration for a local server: quick retries, a short window only where a test asks for it. */
    static CometlyHttpConfig config(String key, java.net.URI baseUrl) {
        return CometlyHttpConfig.defaults(new ApiKey(key)).toBuilder().baseUrl(baseUrl)
                .retries(4, Duration.ofMillis(10), Duration.ofMillis(50))
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5))
                .build();
    }

    /** An adapter with budgets of its own, generous enough never to hold a test back. */
    static CometlyHttpAdapter adapter(CometlyHttpConfig config, Clock clock, Sleeper sleeper) {
        return adapter(config, SpaceBudgets.inProcess(1000, 1000, Duration.ofMinutes(1), clock, sleeper), clock);
    }

    /** An adapter that keeps the given Space budgets (share them to make adapters share a Space). */
    static CometlyHttpAdapter adapter(CometlyHttpConfig config, SpaceBudgets budgets, Clock clock) {
        return new CometlyHttpAdapter(HttpClients5.create(config.connectTimeout(), config.responseTimeout(), 20,
                HttpClients5.userAgent()), config, budgets, jakarta.json.bind.JsonbBuilder.create(), clock);
    }

    static CometlyHttpConfig config(String key, CometlySimulator sim) {
        return config(key, sim.baseUrl());
    }

    /** A sleeper that really waits, and records every wait. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            waits.add(duration);
            Sleeper.system().sleep(duration);
        }
    }
}
