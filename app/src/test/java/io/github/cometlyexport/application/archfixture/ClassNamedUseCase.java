package io.github.cometlyexport.application.archfixture;

/** Deliberately bad: a *UseCase is an interface in port.in. */
public final class ClassNamedUseCase {
}
