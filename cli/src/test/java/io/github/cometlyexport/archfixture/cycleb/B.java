package io.github.cometlyexport.archfixture.cycleb;

import io.github.cometlyexport.archfixture.cyclea.A;

/** Deliberately bad: the other half of a package cycle. */
public final class B {
    A partner;
}
