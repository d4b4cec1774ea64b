package io.github.cometlyexport.app.archfixture;

import picocli.CommandLine;

/** Deliberately bad: the app (what hosts link) reaching for the CLI's library. */
public final class AppUsesPicocli {
    private AppUsesPicocli() {
    }

    static CommandLine parser() {
        return new CommandLine(new Object());
    }
}
