package io.github.cometlyexport.port.driven.archfixture;

import io.github.cometlyexport.port.driving.ExportOutcome;

/** Deliberately bad: driven ports must not know use cases. */
public interface OutPortUsesInPort {
    ExportOutcome outcome();
}
