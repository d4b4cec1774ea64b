package io.github.cometlyexport.port.in.archfixture;

import io.github.cometlyexport.port.out.ExportException;

/** Deliberately bad: use cases must not know driven ports. */
public interface InPortUsesOutPort {
    ExportException lastFailure();
}
