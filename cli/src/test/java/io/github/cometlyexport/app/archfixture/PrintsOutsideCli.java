package io.github.cometlyexport.app.archfixture;

/** Deliberately bad: only the CLI writes to standard output, nobody uses JUL, nobody throws generic exceptions. */
public final class PrintsOutsideCli {
    private PrintsOutsideCli() {
    }

    static void print() {
        System.out.println("fixture");
    }

    static void log() {
        java.util.logging.Logger.getLogger("fixture").info("fixture");
    }

    static void fail() {
        throw new RuntimeException("fixture");
    }
}
