package io.github.cometlyexport.domain.archfixture;

import io.github.cometlyexport.port.driven.Sleeper;

/** Deliberately bad: the domain must not import a port. */
public final class DomainImportsPort {
    private DomainImportsPort() {
    }

    static Sleeper sleeper() {
        return Sleeper.system();
    }
}
