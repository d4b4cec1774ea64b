package io.github.cometlyexport.port.out.archfixture;

import io.github.cometlyexport.port.in.ExportOutcome;

/** Deliberately bad: driven ports must not know use cases. */
public interface OutPortUsesInPort {
    ExportOutcome outcome();
}
