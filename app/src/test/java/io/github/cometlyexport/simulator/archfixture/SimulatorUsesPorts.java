package io.github.cometlyexport.simulator.archfixture;

import io.github.cometlyexport.port.out.ExportProtocolException;

/** Deliberately bad: the simulator stays JDK-only plus the domain. */
public final class SimulatorUsesPorts {
    private SimulatorUsesPorts() {
    }

    static RuntimeException failure() {
        return new ExportProtocolException("fixture", null);
    }
}
