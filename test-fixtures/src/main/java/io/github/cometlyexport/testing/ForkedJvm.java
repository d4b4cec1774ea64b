package io.github.cometlyexport.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe's {@code main} in a new JVM with a small heap and the test's class path, for tests that prove a
 * memory bound; the probe prints its results and {@link #peakHeapBytes()} on stdout.
 */
public final class ForkedJvm {
    private ForkedJvm() {
    }

    /**
     * How a forked probe ended.
     *
     * @param exitCode its exit code
     * @param output   everything it printed (stdout and stderr)
     */
    public record Result(int exitCode, String output) {
    }

    /**
     * @param main    the probe's class
     * @param maxHeap e.g. {@code 64m}
     * @param timeout longest the probe may take
     * @param args    the probe's arguments
     * @return everything the probe printed (stdout and stderr)
     * @throws AssertionError if the probe timed out or exited non-zero, with its output
     */
    public static String run(Class<?> main, String maxHeap, Duration timeout, String... args)
            throws IOException, InterruptedException {
        Result result = runToExit(main, maxHeap, timeout, args);
        if (result.exitCode() != 0) {
            throw new AssertionError(main.getSimpleName() + " exited " + result.exitCode() + ":\n"
                    + result.output());
        }
        return result.output();
    }

    /**
     * Like {@link #run}, for probes that are meant to die (a kill test).
     *
     * @return the exit code and output
     * @throws AssertionError if the probe timed out
     */
    public static Result runToExit(Class<?> main, String maxHeap, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        // Output goes to a file, so that a chatty probe never blocks on a full pipe and a hung one can time out.
        Path log = Files.createTempFile("forked-" + main.getSimpleName(), ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (!finished) {
                throw new AssertionError(main.getSimpleName() + " did not finish within " + timeout + ":\n" + text);
            }
            return new Result(p.exitValue(), text);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** @return the peak bytes used by all heap pools of this JVM so far (call it in the probe) */
    public static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
