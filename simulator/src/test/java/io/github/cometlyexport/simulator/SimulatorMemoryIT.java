package io.github.cometlyexport.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import io.github.cometlyexport.testing.ForkedJvm;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A million-event export is generated and served in a JVM whose heap may not exceed 64 MB. */
class SimulatorMemoryIT {

    @Test
    void givenMillionEvents_whenServedWithA64MbHeap_thenEveryEventStreamsAndHeapStaysUnder64Mb()
            throws IOException, InterruptedException {
        String out = ForkedJvm.run(MemoryProbe.class, "64m", Duration.ofSeconds(150), "1000000");
        Matcher m = Pattern.compile("events=(\\d+) inflated=(\\d+) gzip=(\\d+) peakHeapBytes=(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(1_000_000);
        assertThat(Long.parseLong(m.group(2))).as("inflated bytes").isGreaterThan(300_000_000L);
        assertThat(Long.parseLong(m.group(4))).as("peak heap").isLessThan(64L * 1024 * 1024);
        System.out.println("simulator memory probe: " + m.group());
    }
}
