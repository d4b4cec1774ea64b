package io.github.cometlyexport.port.driven.archfixture;

import org.slf4j.Logger;

/** Deliberately bad: no library type may cross a port. */
public interface PortUsesLibrary {
    Logger logger();
}
