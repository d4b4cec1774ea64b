package io.github.cometlyexport.port.driven.archfixture;

/** Deliberately bad: a *Port is an interface. */
public final class ClassNamedPort {
}
