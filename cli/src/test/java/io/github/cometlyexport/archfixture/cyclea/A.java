package io.github.cometlyexport.archfixture.cyclea;

import io.github.cometlyexport.archfixture.cycleb.B;

/** Deliberately bad: half of a package cycle. */
public final class A {
    B partner;
}
