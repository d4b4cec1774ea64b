package io.github.cometlyexport.application;

import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.testing.FakeSleeps;

import static io.github.cometlyexport.domain.ExportJob.Kind.COMPLETED;
import static io.github.cometlyexport.domain.ExportJob.Kind.FAILED;
import static io.github.cometlyexport.domain.ExportJob.Kind.PROCESSING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.DownloadPolicy;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.PollingPolicy;
import io.github.cometlyexport.port.driving.DownloadExportCommand;
import io.github.cometlyexport.port.driving.ExportOutcome;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import io.github.cometlyexport.port.driven.ExportIntegrityException;
import io.github.cometlyexport.port.driven.VerifyExportLinesPort;
import io.github.cometlyexport.port.driven.ExportTransportException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DownloadExportServiceTest {
    private static final LocalDate DAY = LocalDate.of(2024, 1, 15);
    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    private final FakeSleeps sleeper = new FakeSleeps(clock::advance);
    private final FakeCometly cometly = new FakeCometly(clock);
    private final InMemoryStore store = new InMemoryStore();
    private final DownloadExportService service = service(DownloadPolicy.defaults());

    private DownloadExportService service(DownloadPolicy download) {
        return new DownloadExportService(cometly, cometly, store, new ShapeOnlyLines(),
                ExportPolicies.defaults().withDownload(download), clock, sleeper::sleep, new SplittableRandom(3));
    }
    private final byte[] file = ExportFiles.gzipEvents(5_000, 11);

    private static ExportFileKey key(long id) {
        return new ExportFileKey(new ExportJobId(id), DAY);
    }

    private ExportOutcome download(long id) {
        return service.download(DownloadExportCommand.of(key(id)));
    }

    private ExportManifest storedManifest(ExportOutcome outcome) {
        assertThat(outcome).isInstanceOf(ExportOutcome.Stored.class);
        return ((ExportOutcome.Stored) outcome).stored().manifest();
    }

    @Test
    void givenCompletedJob_whenDownloaded_thenStoredBytesManifestAndCountsMatchTheSource() {
        cometly.job(1, file, PROCESSING, COMPLETED);
        ExportManifest m = storedManifest(download(1));
        assertThat(store.published.get(key(1))).isEqualTo(file);
        assertThat(m.bytes()).isEqualTo(file.length);
        assertThat(m.sha256()).isEqualTo(ExportFiles.sha256(file));
        assertThat(m.events()).isEqualTo(5_000);
        assertThat(m.date()).isEqualTo(DAY);
        assertThat(m.sourceEtag()).isEqualTo(cometly.job(new ExportJobId(1)).etag);
        assertThat(store.pending).isEmpty();
    }

    @Test
    void givenLinkThatExpiresMidStream_whenDownloaded_thenRenewedAndResumedWithIdenticalBytes() {
        FakeCometly.Job job = cometly.job(2, file, COMPLETED);
        job.cutAfter = file.length / 3;
        job.cuts = 1;
        job.onCut = () -> clock.advance(Duration.ofMinutes(16));
        ExportManifest m = storedManifest(download(2));
        assertThat(store.published.get(key(2))).isEqualTo(file);
        assertThat(m.sha256()).isEqualTo(ExportFiles.sha256(file));
        // One fetch to await, one to renew the dead link; the resume starts where the cut was, pinned to the ETag.
        assertThat(cometly.fetches).hasSize(2);
        assertThat(cometly.opens).containsExactly(new FakeCometly.Open(0, null),
                new FakeCometly.Open(file.length / 3, job.etag));
    }

    @Test
    void givenServerSaysLinkExpired_whenResuming_thenStatusIsFetchedAgainAndTheDeadLinkNotRetried() {
        FakeCometly.Job job = cometly.job(3, file, COMPLETED);
        job.cutAfter = 1000;
        job.cuts = 1;
        job.onCut = () -> job.expireOpens = 1;
        storedManifest(download(3));
        assertThat(store.published.get(key(3))).isEqualTo(file);
        assertThat(cometly.fetches).hasSize(2);
        assertThat(cometly.opens).extracting(FakeCometly.Open::offset).containsExactly(0L, 1000L, 1000L);
    }

    @Test
    void givenObjectChangedUnderAResume_whenDownloaded_thenRestartsFromZeroAndStoresTheNewObject() {
        byte[] replacement = ExportFiles.gzipEvents(4_000, 99);
        FakeCometly.Job job = cometly.job(4, file, COMPLETED);
        String oldEtag = job.etag;
        job.cutAfter = file.length / 2;
        job.cuts = 1;
        job.onCut = () -> {
            job.file = replacement;
            job.etag = "\"replaced\"";
        };
        ExportManifest m = storedManifest(download(4));
        assertThat(store.published.get(key(4))).isEqualTo(replacement);
        assertThat(m.events()).isEqualTo(4_000);
        assertThat(m.sourceEtag()).isEqualTo("\"replaced\"");
        assertThat(cometly.opens).containsExactly(new FakeCometly.Open(0, null),
                new FakeCometly.Open(file.length / 2, oldEtag), new FakeCometly.Open(0, null));
    }

    @Test
    void givenTruncatedGzip_whenDownloaded_thenRejectedAndNothingPublishedOrLeftPending() {
        cometly.job(5, Arrays.copyOf(file, file.length * 2 / 3), COMPLETED);
        assertThatThrownBy(() -> download(5)).isInstanceOf(ExportIntegrityException.class)
                .hasMessageContaining("not a complete gzip stream");
        assertThat(store.published).isEmpty();
        assertThat(store.manifests).isEmpty();
        assertThat(store.pending).isEmpty();
    }

    @Test
    void givenFlippedByte_whenDownloaded_thenRejectedAndNothingPublished() {
        byte[] corrupt = file.clone();
        corrupt[corrupt.length / 2] ^= 0x5a;
        cometly.job(6, corrupt, COMPLETED);
        assertThatThrownBy(() -> download(6)).isInstanceOf(ExportIntegrityException.class);
        assertThat(store.published).isEmpty();
        assertThat(store.pending).isEmpty();
    }

    @Test
    void givenLineThatIsNotJson_whenDownloaded_thenRejectedNamingTheLine() {
        cometly.job(7, ExportFiles.gzip("{\"id\":1}\n{\"id\":2}\nnot json\n"), COMPLETED);
        assertThatThrownBy(() -> download(7)).isInstanceOf(ExportIntegrityException.class)
                .hasMessageContaining("line 3");
        assertThat(store.published).isEmpty();
    }

    @Test
    void givenEmptyDay_whenDownloaded_thenStoredWithZeroEvents() {
        cometly.job(8, ExportFiles.gzip(""), COMPLETED);
        cometly.job(9, new byte[0], COMPLETED);
        assertThat(storedManifest(download(8)).events()).isZero();
        assertThat(storedManifest(download(9)).bytes()).isZero();
    }

    @Test
    void givenTransferThatKeepsBreaking_whenPatienceRunsOut_thenPendingIsKeptAndARerunCompletesIt() {
        FakeCometly.Job job = cometly.job(10, file, COMPLETED);
        job.cutAfter = 4096;
        job.cuts = 1;
        // After the first cut the host keeps dropping the connection before the first byte.
        job.onCut = () -> {
            job.cutAfter = 0;
            job.cuts = 10;
        };
        DownloadPolicy impatient = new DownloadPolicy(Duration.ofSeconds(30), 2, Duration.ofSeconds(1), 2);
        DownloadExportService patientless = service(impatient);
        DownloadExportCommand command = DownloadExportCommand.of(key(10));
        assertThatThrownBy(() -> patientless.download(command)).isInstanceOf(ExportTransportException.class)
                .hasMessageContaining("interruptions in a row");
        assertThat(store.published).isEmpty();
        long held = store.pending.get(key(10)).bytes.size();
        assertThat(held).isEqualTo(4096);
        assertThat(sleeper.all()).contains(Duration.ofSeconds(1), Duration.ofSeconds(2));

        job.cuts = 0;
        ExportManifest m = storedManifest(patientless.download(command));
        assertThat(store.published.get(key(10))).isEqualTo(file);
        assertThat(m.sha256()).isEqualTo(ExportFiles.sha256(file));
        assertThat(cometly.opens.get(cometly.opens.size() - 1)).isEqualTo(new FakeCometly.Open(held, job.etag));
    }

    @Test
    void givenStoredResult_whenDownloadedAgain_thenSkippedWithoutARequest() {
        cometly.job(11, file, COMPLETED);
        download(11);
        int fetches = cometly.fetches.size();
        ExportOutcome again = download(11);
        assertThat(again).isInstanceOfSatisfying(ExportOutcome.Stored.class,
                s -> assertThat(s.alreadyStored()).isTrue());
        assertThat(cometly.fetches).hasSize(fetches);
        assertThat(store.begins).isEqualTo(1);
    }

    @Test
    void givenFailedJob_whenDownloaded_thenJobFailedOutcomeAndNothingStored() {
        cometly.job(12, file, PROCESSING, FAILED);
        assertThat(download(12)).isInstanceOf(ExportOutcome.JobFailed.class);
        assertThat(store.begins).isZero();
    }

    @Test
    void givenGzipOfSeveralMembers_whenDownloaded_thenEveryMemberIsInflatedAndItsLinesChecked() {
        byte[] two = concat(ExportFiles.gzipEvents(700, 1), ExportFiles.gzipEvents(800, 2));
        cometly.job(40, two, COMPLETED);
        assertThat(storedManifest(download(40)).events()).as("lines of both members").isEqualTo(1_500);

        byte[] broken = concat(ExportFiles.gzipEvents(700, 1), ExportFiles.gzip("{\"id\":1}\nnot json\n"));
        cometly.job(41, broken, COMPLETED);
        assertThatThrownBy(() -> download(41)).isInstanceOf(ExportIntegrityException.class)
                .hasMessageContaining("line 702");
        assertThat(store.published).doesNotContainKey(key(41));
    }

    @Test
    void givenGoodMemberFollowedByBytesThatAreNotAMember_whenDownloaded_thenIntegrityFailureAndNothingPublished() {
        byte[] good = ExportFiles.gzipEvents(700, 1);
        byte[][] trailers = {
            "garbage after the member\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            new byte[512],                                                        // zero padding
            Arrays.copyOf(ExportFiles.gzipEvents(800, 2), 5_000),                 // a second member cut short
            Arrays.copyOf(ExportFiles.gzipEvents(800, 2), 6),                     // cut inside its header
            damagedTrailer(ExportFiles.gzipEvents(800, 2), 8),                    // a second member, bad CRC-32
            damagedTrailer(ExportFiles.gzipEvents(800, 2), 4),                    // a second member, bad ISIZE
        };
        for (int i = 0; i < trailers.length; i++) {
            long id = 50 + i;
            cometly.job(id, concat(good, trailers[i]), COMPLETED);
            assertThatThrownBy(() -> download(id)).as("trailer %d", i).isInstanceOf(ExportIntegrityException.class)
                    .hasMessageContaining("not a complete gzip stream");
            assertThat(store.published).as("trailer %d", i).doesNotContainKey(key(id));
            assertThat(store.manifests).as("trailer %d", i).doesNotContainKey(key(id));
            assertThat(store.pending).as("trailer %d", i).doesNotContainKey(key(id));
        }
    }

    /** The member with one byte of its trailer flipped, {@code fromEnd} bytes before its end. */
    private static byte[] damagedTrailer(byte[] member, int fromEnd) {
        byte[] damaged = member.clone();
        damaged[damaged.length - fromEnd] ^= 1;
        return damaged;
    }

    @Test
    void givenLineVerifierThatDiesOfAnError_whenDownloaded_thenNothingIsPublished() {
        cometly.job(42, file, COMPLETED);
        VerifyExportLinesPort dying = () -> new VerifyExportLinesPort.LineVerifier() {
            @Override
            public void accept(byte[] chunk, int offset, int length) {
                throw new OutOfMemoryError("simulated: the verifier ran out of memory");
            }

            @Override
            public long finish() {
                return 0;
            }
        };
        DownloadExportService withDyingVerifier = new DownloadExportService(cometly, cometly, store, dying,
                ExportPolicies.defaults(), clock, sleeper::sleep, new SplittableRandom(3));
        assertThatThrownBy(() -> withDyingVerifier.download(DownloadExportCommand.of(key(42))))
                .isInstanceOf(OutOfMemoryError.class);
        assertThat(store.published).doesNotContainKey(key(42));
        assertThat(store.manifests).doesNotContainKey(key(42));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void givenJobCreatedBeforeItsDayClosed_whenDownloadedIntoThatDay_thenItsManifestSaysProvisional() {
        // With the default closure (UTC-12, 2 h settle) 2024-01-15 closes at 2024-01-16T14:00Z.
        cometly.job(21, file, COMPLETED).createdAt = Instant.parse("2024-01-16T13:59:00Z");
        cometly.job(22, file, COMPLETED).createdAt = Instant.parse("2024-01-16T14:00:00Z");
        cometly.job(23, file, COMPLETED).createdAt = Instant.parse("2024-01-16T13:59:00Z");
        assertThat(storedManifest(download(21)).provisional()).as("created while the day was open").isTrue();
        assertThat(storedManifest(download(22)).provisional()).as("created once it closed").isFalse();
        assertThat(storedManifest(service.download(DownloadExportCommand.of(new ExportFileKey(new ExportJobId(23),
                null)))).provisional()).as("no day, no closure").isFalse();
    }
}
