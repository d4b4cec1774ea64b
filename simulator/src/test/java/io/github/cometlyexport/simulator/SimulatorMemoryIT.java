package io.github.cometlyexport.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A million-event export is generated and served in a JVM whose heap may not exceed 64 MB. */
class SimulatorMemoryIT {

    @Test
    void givenMillionEvents_whenServedWithA64MbHeap_thenEveryEventStreamsAndHeapStaysUnder64Mb()
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), MemoryProbe.class.getName(), "1000000")
                .redirectErrorStream(true).start();
        String out;
        try {
            assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("probe finished").isTrue();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("events=(\\d+) inflated=(\\d+) gzip=(\\d+) peakHeapBytes=(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(1_000_000);
        assertThat(Long.parseLong(m.group(2))).as("inflated bytes").isGreaterThan(300_000_000L);
        assertThat(Long.parseLong(m.group(4))).as("peak heap").isLessThan(64L * 1024 * 1024);
        System.out.println("simulator memory probe: " + m.group());
    }
}
