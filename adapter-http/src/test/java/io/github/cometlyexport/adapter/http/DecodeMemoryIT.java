package io.github.cometlyexport.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Downloading, verifying and decoding a million events fits a 64 MB heap. */
class DecodeMemoryIT {

    @Test
    void givenMillionEventExport_whenDownloadedVerifiedAndDecodedWith64MbHeap_thenEveryEventIsSeen() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), DecodeMemoryProbe.class.getName(), "1000000")
                .redirectErrorStream(true).start();
        String out;
        try {
            assertThat(p.waitFor(170, TimeUnit.SECONDS)).as("probe finished").isTrue();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("verified=(\\d+) typed=(\\d+) gzipBytes=(\\d+) peakHeapBytes=(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(1_000_000);
        assertThat(Long.parseLong(m.group(2))).isEqualTo(1_000_000);
        assertThat(Long.parseLong(m.group(4))).as("peak heap").isLessThan(64L * 1024 * 1024);
        System.out.println("decode memory probe: " + m.group());
    }
}
