package io.github.cometlyexport.simulator.archfixture;

import io.github.cometlyexport.port.driven.ExportProtocolException;

/** Deliberately bad: the simulator stays JDK and JSON-P only. */
public final class SimulatorUsesPorts {
    private SimulatorUsesPorts() {
    }

    static RuntimeException failure() {
        return new ExportProtocolException("fixture", null);
    }
}
