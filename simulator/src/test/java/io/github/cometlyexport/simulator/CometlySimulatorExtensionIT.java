package io.github.cometlyexport.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CometlySimulatorExtensionIT {
    @RegisterExtension
    final CometlySimulatorExtension cometly = CometlySimulatorExtension.withDefaults();

    @Test
    void givenExtension_whenTestRuns_thenARunningSimulatorIsInjected(CometlySimulator sim) {
        assertThat(sim).isSameAs(cometly.simulator());
        var r = Http.get(URI.create(sim.baseUrl() + "/events/exports/1"), sim.demoKey());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(sim.journal().entries()).hasSize(1);
    }
}
