package io.github.cometlyexport.adapter.ndjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.port.driven.ExportIntegrityException;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLinesVerifierAdapterTest extends VerifyExportLinesPortContract {

    @Override
    protected VerifyExportLinesPort port() {
        return new JsonLinesVerifierAdapter();
    }

    @Test
    void givenBrokenLines_whenVerified_thenTheLineNumberIsNamed() {
        assertThatThrownBy(() -> verify("{}\n{\"a\":1,,}\n")).isInstanceOf(ExportIntegrityException.class)
                .hasMessageStartingWith("line 2 is not one JSON object");
        assertThatThrownBy(() -> verify("{}\n{}\n[1]\n")).hasMessageStartingWith("line 3");
        assertThatThrownBy(() -> verify("{} {}\n")).hasMessageStartingWith("line 1");
        assertThatThrownBy(() -> verify("{\"a\":\"cut")).hasMessageStartingWith("line 1");
        assertThatThrownBy(() -> verify("{\"a\":1}\n{\"b\":")).hasMessageStartingWith("line 2");
        assertThatThrownBy(() -> verify("{}\n{} {}\n")).hasMessageStartingWith("line 2")
                .hasMessageContaining("same line");
        assertThatThrownBy(() -> verify("{}\n{},{}\n")).hasMessageStartingWith("line 2");
        assertThatThrownBy(() -> verify("{}\n\n{\n\"a\": 1\n}\n")).hasMessageStartingWith("line 3")
                .hasMessageContaining("more than one line");
        assertThatThrownBy(() -> verify("{}\n\"text\"\n")).hasMessageStartingWith("line 2")
                .hasMessageContaining("instead of an object");
    }

    @Test
    void givenManyBlocksOnSeveralThreads_whenVerified_thenEveryObjectCountsOnceWhateverTheChunking() {
        byte[] bytes = VerifyExportLinesPortContract.manyLines(6_000).getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(8 * JsonLinesVerifierAdapter.BLOCK_SIZE);
        for (int threads : new int[] {1, 3}) {
            JsonLinesVerifierAdapter port = new JsonLinesVerifierAdapter(threads);
            for (int chunk : new int[] {1_000, 65_536, 1 << 20}) {
                assertThat(verifyIn(port, bytes, chunk)).as("threads %d, chunk %d", threads, chunk)
                        .isEqualTo(6_000);
            }
        }
    }

    @Test
    void givenEightFilesAtOnceOnOneAdapter_whenVerified_thenTheyShareItsBuffersAndEachCountsRight() throws Exception {
        // One parser thread: six blocks for eight files, so files wait for buffers (and must never wait forever).
        JsonLinesVerifierAdapter shared = new JsonLinesVerifierAdapter(1);
        byte[] bytes = VerifyExportLinesPortContract.manyLines(2_000).getBytes(StandardCharsets.UTF_8);
        java.util.concurrent.ExecutorService files = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Long>> counts = new java.util.ArrayList<>();
            for (int f = 0; f < 8; f++) {
                int chunk = 10_000 + f * 7_919;
                counts.add(files.submit(() -> verifyIn(shared, bytes, chunk)));
            }
            for (java.util.concurrent.Future<Long> count : counts) {
                assertThat(count.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2_000);
            }
        } finally {
            files.shutdownNow();
        }
    }

    @Test
    void givenMoreFilesFillingBlocksThanThePoolHolds_whenEachAcceptsAFewBytes_thenNoneWaits() {
        // A file filling a block holds nothing the others wait for: only blocks with the parser threads count.
        // (Counting the blocks being filled made a seventh file wait for ever here, and deadlocked a backfill whose
        // download threads each held such a block and an S3 part buffer.)
        JsonLinesVerifierAdapter shared = new JsonLinesVerifierAdapter(1);
        byte[] start = "{\"id\":1}\n{\"id\":".getBytes(StandardCharsets.UTF_8);
        java.util.List<VerifyExportLinesPort.LineVerifier> files = new java.util.ArrayList<>();
        try {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
                for (int f = 0; f < 40; f++) {
                    VerifyExportLinesPort.LineVerifier v = shared.start();
                    files.add(v);
                    v.accept(start, 0, start.length);
                }
            });
            byte[] end = "2}\n".getBytes(StandardCharsets.UTF_8);
            for (VerifyExportLinesPort.LineVerifier v : files) {
                v.accept(end, 0, end.length);
                assertThat(v.finish()).isEqualTo(2);
            }
        } finally {
            files.forEach(VerifyExportLinesPort.LineVerifier::close);
        }
    }

    @Test
    void givenLineLongerThanABlock_whenVerified_thenItIsCheckedWhole() {
        String big = "{\"blob\":\"" + "a".repeat(3 * JsonLinesVerifierAdapter.BLOCK_SIZE) + "\"}\n";
        byte[] bytes = ("{}\n" + big + "{}\n" + big.replace("\"}", "\"")).getBytes(StandardCharsets.UTF_8);
        assertThat(verifyIn(new JsonLinesVerifierAdapter(2), ("{}\n" + big + "{}\n").getBytes(
                StandardCharsets.UTF_8), 100_000)).isEqualTo(3);
        assertThatThrownBy(() -> verifyIn(new JsonLinesVerifierAdapter(2), bytes, 100_000))
                .hasMessageStartingWith("line 4 is not one JSON object");
    }

    @Test
    void givenInvalidUtf8InAString_whenVerified_thenTheLineIsRefused() {
        byte[] bytes = "{}\n{\"a\":\"x\u00ffy\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> verifyIn(new JsonLinesVerifierAdapter(1), bytes, 1_000))
                .hasMessageStartingWith("line 2 is not one JSON object");
    }

    @Test
    void givenVerifierAbandonedMidway_whenClosed_thenItsThreadEnds() throws InterruptedException {
        VerifyExportLinesPort.LineVerifier v = new JsonLinesVerifierAdapter().start();
        byte[] b = "{\"a\":1}\n{\"b\":".getBytes(StandardCharsets.UTF_8);
        v.accept(b, 0, b.length);
        v.close();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName()
                .startsWith("cometly-line-verifier") && t.isAlive()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName()
                .startsWith("cometly-line-verifier") && t.isAlive());
    }
}
