package io.github.cometlyexport.adapter.ndjson;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cometlyexport.testing.ForkedJvm;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Verifying and decoding a million events fits a 64 MB heap. */
class DecodeMemoryIT {

    @Test
    void givenMillionEventExport_whenVerifiedAndDecodedWith64MbHeap_thenEveryEventIsSeen() throws Exception {
        String out = ForkedJvm.run(DecodeMemoryProbe.class, "64m", Duration.ofSeconds(170), "1000000");
        Matcher m = Pattern.compile("verified=(\\d+) typed=(\\d+) gzipBytes=(\\d+) peakHeapBytes=(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(1_000_000);
        assertThat(Long.parseLong(m.group(2))).isEqualTo(1_000_000);
        assertThat(Long.parseLong(m.group(4))).as("peak heap").isLessThan(64L * 1024 * 1024);
        System.out.println("decode memory probe: " + m.group());
    }
}
