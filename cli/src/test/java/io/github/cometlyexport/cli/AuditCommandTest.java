package io.github.cometlyexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code audit} refuses before it reads anything, and what it says of an empty destination. */
class AuditCommandTest {
    @TempDir
    Path dir;

    @Test
    void givenEveryKindOfBadInput_whenAudited_thenAllReportedAtOnceWithExit2AndNothingRead() {
        CliHarness.Run r = new CliHarness(dir.resolve("home")).run("audit", "--from", "2024-13-01", "--to",
                "yesterday", "--out", "s3://", "--dataset", "orders", "--low-volume-ratio", "1.5",
                "--low-volume-days", "0", "--space-zone", "Mars/Olympus");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--from '2024-13-01' is not a date", "--to (not shown) is not a date",
                "--out must look like s3://bucket/prefix", "--dataset must be",
                "--low-volume-ratio must be from 0 to 1", "--low-volume-days must be at least 1",
                "is not a time zone");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void givenAnEmptyFolder_whenAuditedOverClosedDays_thenEveryDayMissingAndExit9WithTheBackfillToRun()
            throws Exception {
        Path out = Files.createDirectories(dir.resolve("lake"));
        CliHarness.Run r = new CliHarness(dir.resolve("home")).clock(ExactlyOnceIT.startingAt(
                java.time.Instant.parse("2024-02-01T00:00:00Z"))).run("audit", "--from", "2024-01-01", "--to",
                "2024-01-03", "--out", out.toString(), "--dataset", "contacts");
        assertThat(r.code()).as(r.toString()).isEqualTo(9);
        assertThat(r.err()).contains("2024-01-01  missing  not stored", "contacts at " + out.toRealPath() + ": 3 missing",
                "run: cometly-export backfill --dataset contacts --from 2024-01-01 --to 2024-01-03 --out " + out);
    }
}
