package io.github.cometlyexport.port.out.archfixture;

/** Deliberately bad: a *Port is an interface. */
public final class ClassNamedPort {
}
