package io.github.cometlyexport.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal: live progress goes there, so that is the stream that matters. */
final class CliTerminal {
    private CliTerminal() {
    }

    /**
     * Java 17 can only ask whether stdin and stdout are a terminal ({@code System.console()}); on Linux the
     * descriptor's link tells for stderr. Elsewhere, or when unsure, the answer is no: plain lines are always safe.
     *
     * @return whether file descriptor 2 is a terminal
     */
    static boolean stderrIsTerminal() {
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
            String name = target.toString();
            return name.startsWith("/dev/pts/") || name.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
