package io.github.cometlyexport.port.driving.archfixture;

import io.github.cometlyexport.port.driven.ExportException;

/** Deliberately bad: use cases must not know driven ports. */
public interface InPortUsesOutPort {
    ExportException lastFailure();
}
