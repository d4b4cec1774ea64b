package io.github.cometlyexport.application;

import static io.github.cometlyexport.domain.ExportJob.Kind.COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.ExportFileKey;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.domain.ExportManifest;
import io.github.cometlyexport.domain.ExportPolicies;
import io.github.cometlyexport.domain.StoredFormat;
import io.github.cometlyexport.port.driven.ConvertExportFilePort;
import io.github.cometlyexport.port.driven.ExportIntegrityException;
import io.github.cometlyexport.port.driving.DownloadExportCommand;
import io.github.cometlyexport.port.driving.ExportOutcome;
import io.github.cometlyexport.simulator.SimulatorClocks;
import io.github.cometlyexport.testing.FakeSleeps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A store of a converted format: verified as ever, converted on the way, held to the verified line count. */
class ConvertedDownloadTest {
    private static final LocalDate DAY = LocalDate.of(2024, 1, 15);
    private final SimulatorClocks.Steppable clock = SimulatorClocks.steppable(Instant.parse("2024-01-16T06:00:00Z"));
    private final FakeSleeps sleeper = new FakeSleeps(clock::advance);
    private final FakeCometly cometly = new FakeCometly(clock);
    private final InMemoryStore store = new InMemoryStore();

    {
        store.format = StoredFormat.PARQUET;
    }

    /** Writes one byte per line it saw ('r'), less {@code drop} rows; for the events dataset only. */
    private static ConvertExportFilePort counting(int drop) {
        return new ConvertExportFilePort() {
            @Override
            public StoredFormat format() {
                return StoredFormat.PARQUET;
            }

            @Override
            public LineConverter start(Dataset dataset, OutputStream out) {
                assertThat(dataset).isEqualTo(Dataset.EVENTS);
                return new LineConverter() {
                    private long rows;

                    @Override
                    public void accept(byte[] chunk, int offset, int length) {
                        for (int i = offset; i < offset + length; i++) {
                            if (chunk[i] == '\n') {
                                rows++;
                            }
                        }
                    }

                    @Override
                    public long finish() {
                        try {
                            out.write(("PQ" + "r".repeat((int) rows)).getBytes(StandardCharsets.US_ASCII));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        return Math.max(0, rows - drop);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    private DownloadExportService service(ConvertExportFilePort convert) {
        return new DownloadExportService(cometly, cometly, store, new ShapeOnlyLines(), convert,
                ExportPolicies.defaults(), clock, sleeper::sleep, new SplittableRandom(3));
    }

    private static ExportFileKey key(long id) {
        return new ExportFileKey(new ExportJobId(id), DAY);
    }

    @Test
    void givenParquetStore_whenDownloaded_thenConvertedBytesPublishedAndTheManifestKeepsBothFiles() {
        byte[] file = ExportFiles.gzipEvents(1_000, 5);
        cometly.job(1, file, COMPLETED);
        ExportOutcome outcome = service(counting(0)).download(DownloadExportCommand.of(key(1)));
        ExportManifest m = ((ExportOutcome.Stored) outcome).stored().manifest();
        byte[] stored = store.published.get(key(1));
        assertThat(new String(stored, StandardCharsets.US_ASCII)).isEqualTo("PQ" + "r".repeat(1_000));
        assertThat(m.bytes()).isEqualTo(stored.length);
        assertThat(m.sha256()).isEqualTo(ExportFiles.sha256(stored));
        assertThat(m.events()).isEqualTo(1_000);
        assertThat(m.source()).isEqualTo(new ExportManifest.SourceFile(file.length, ExportFiles.sha256(file)));
    }

    @Test
    void givenConverterThatLosesARow_whenDownloaded_thenIntegrityFailureAndNothingPublished() {
        cometly.job(2, ExportFiles.gzipEvents(100, 6), COMPLETED);
        assertThatThrownBy(() -> service(counting(1)).download(DownloadExportCommand.of(key(2))))
                .isInstanceOf(ExportIntegrityException.class).hasMessageContaining("99 rows from 100 verified lines");
        assertThat(store.published).isEmpty();
        assertThat(store.pending).isEmpty();
    }

    @Test
    void givenEmptyDay_whenDownloaded_thenTheConverterStillWritesItsFile() {
        cometly.job(3, new byte[0], COMPLETED);
        ExportManifest m = ((ExportOutcome.Stored) service(counting(0)).download(DownloadExportCommand.of(key(3))))
                .stored().manifest();
        assertThat(store.published.get(key(3))).isEqualTo("PQ".getBytes(StandardCharsets.US_ASCII));
        assertThat(m.events()).isZero();
        assertThat(m.source()).isEqualTo(new ExportManifest.SourceFile(0, ExportFiles.sha256(new byte[0])));
    }

    @Test
    void givenParquetStoreWithoutConverter_whenBuilt_thenRefusedNamingTheAdapter() {
        assertThatThrownBy(() -> service(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cometly-export-adapter-parquet");
    }
}
