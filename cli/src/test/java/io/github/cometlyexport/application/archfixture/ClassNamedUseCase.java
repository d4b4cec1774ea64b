package io.github.cometlyexport.application.archfixture;

/** Deliberately bad: a *UseCase is an interface in port.driving. */
public final class ClassNamedUseCase {
}
