package io.github.cometlyexport.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExportJobTest {
    private static final ExportJobId ID = new ExportJobId(42);
    private static final Instant CREATED = Instant.parse("2024-01-15T10:00:00Z");
    private static final Instant DONE = Instant.parse("2024-01-15T10:05:00Z");
    private static final DownloadUrl LINK = new DownloadUrl(URI.create("https://b.s3.amazonaws.com/x.json.gz?X-Amz-Signature=s"),
            DONE.plusSeconds(900));

    private final ExportJob.Queued queued = new ExportJob.Queued(ID, CREATED, "queued");

    @Test
    void givenQueued_whenStartProcessing_thenProcessingWithSameIdentity() {
        ExportJob.Processing processing = queued.startProcessing("working");
        assertThat(processing.id()).isEqualTo(ID);
        assertThat(processing.createdAt()).isEqualTo(CREATED);
        assertThat(processing.kind()).isEqualTo(ExportJob.Kind.PROCESSING);
        assertThat(processing.isTerminal()).isFalse();
    }

    @Test
    void givenQueued_whenCompletedDirectly_thenCompletedIsLegal() {
        ExportJob.Completed completed = queued.complete(DONE, LINK);
        assertThat(completed.kind()).isEqualTo(ExportJob.Kind.COMPLETED);
        assertThat(completed.isTerminal()).isTrue();
        assertThat(queued.changeTo(completed)).isEqualTo(ExportJob.StatusChange.ADVANCED);
    }

    @Test
    void givenQueued_whenFailedDirectly_thenFailedIsLegal() {
        ExportJob.Failed failed = queued.fail("boom");
        assertThat(failed.isTerminal()).isTrue();
        assertThat(failed.message()).isEqualTo("boom");
        assertThat(queued.changeTo(failed)).isEqualTo(ExportJob.StatusChange.ADVANCED);
    }

    @Test
    void givenProcessing_whenCompletedOrFailed_thenAdvanced() {
        ExportJob.Processing processing = queued.startProcessing("");
        assertThat(processing.changeTo(processing.complete(DONE, LINK))).isEqualTo(ExportJob.StatusChange.ADVANCED);
        assertThat(processing.changeTo(processing.fail("x"))).isEqualTo(ExportJob.StatusChange.ADVANCED);
        assertThat(queued.changeTo(processing)).isEqualTo(ExportJob.StatusChange.ADVANCED);
    }

    @Test
    void givenProcessing_whenObservedQueuedAgain_thenWentBackwardsIsAnAnomaly() {
        ExportJob.Processing processing = queued.startProcessing("");
        ExportJob.StatusChange change = processing.changeTo(queued);
        assertThat(change).isEqualTo(ExportJob.StatusChange.WENT_BACKWARDS);
        assertThat(change.isAnomaly()).isTrue();
    }

    @Test
    void givenTerminal_whenObservedInAnotherState_thenLeftTerminalStateIsAnAnomaly() {
        ExportJob.Completed completed = queued.complete(DONE, LINK);
        ExportJob.Failed failed = queued.fail("x");
        assertThat(completed.changeTo(queued)).isEqualTo(ExportJob.StatusChange.LEFT_TERMINAL_STATE);
        assertThat(completed.changeTo(failed)).isEqualTo(ExportJob.StatusChange.LEFT_TERMINAL_STATE);
        assertThat(failed.changeTo(completed).isAnomaly()).isTrue();
    }

    @Test
    void givenCompleted_whenObservedCompletedWithFreshLink_thenUnchanged() {
        ExportJob.Completed first = queued.complete(DONE, LINK);
        ExportJob.Completed again = new ExportJob.Completed(ID, CREATED, DONE,
                new DownloadUrl(LINK.uri(), LINK.expiresAt().plusSeconds(60)));
        assertThat(first.changeTo(again)).isEqualTo(ExportJob.StatusChange.UNCHANGED);
        assertThat(ExportJob.StatusChange.UNCHANGED.isAnomaly()).isFalse();
    }

    @Test
    void givenTwoJobs_whenCompared_thenRefused() {
        ExportJob other = new ExportJob.Queued(new ExportJobId(7), CREATED, "");
        assertThatThrownBy(() -> queued.changeTo(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("42").hasMessageContaining("7");
    }

    @Test
    void givenWireNames_whenParsed_thenDocumentedOnesMapAndOthersAreEmpty() {
        assertThat(ExportJob.Kind.fromWireName("queued")).contains(ExportJob.Kind.QUEUED);
        assertThat(ExportJob.Kind.fromWireName("processing")).contains(ExportJob.Kind.PROCESSING);
        assertThat(ExportJob.Kind.fromWireName("completed")).contains(ExportJob.Kind.COMPLETED);
        assertThat(ExportJob.Kind.fromWireName("failed")).contains(ExportJob.Kind.FAILED);
        assertThat(ExportJob.Kind.fromWireName("COMPLETED")).isEmpty();
        assertThat(ExportJob.Kind.fromWireName("archived")).isEmpty();
    }

    @Test
    void givenKinds_whenSwitchedExhaustively_thenEveryStateHasAName() {
        for (ExportJob.Kind kind : ExportJob.Kind.values()) {
            String label = switch (kind) {
                case QUEUED, PROCESSING -> "waiting";
                case COMPLETED -> "done";
                case FAILED -> "failed";
            };
            assertThat(label).isNotEmpty();
            assertThat(kind.isTerminal()).isEqualTo(kind == ExportJob.Kind.COMPLETED || kind == ExportJob.Kind.FAILED);
        }
    }

    @Test
    void givenIds_whenInvalid_thenRefusedNamingTheNumberButNeverEchoingText() {
        assertThatThrownBy(() -> new ExportJobId(0)).hasMessageContaining("0");
        // Text given as an id may be a key pasted in the wrong place: it is not echoed.
        assertThatThrownBy(() -> ExportJobId.parse("sk_live_abc")).hasMessage("EXPORT_ID must be a positive whole "
                + "number").hasMessageNotContaining("sk_live");
        assertThat(ExportJobId.parse(" 123 ")).isEqualTo(new ExportJobId(123));
    }
}
