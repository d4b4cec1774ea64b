package io.github.cometlyexport.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.domain.RateLimit;
import io.github.cometlyexport.port.driven.ExportApiException;
import io.github.cometlyexport.port.driven.RequestBudget;
import io.github.cometlyexport.testing.FakeSleeps;
import io.github.cometlyexport.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared request budget, held against SQLite and PostgreSQL alike: two budget objects on one database stand for
 * two processes of one Space. Time is a stepping clock that the budgets' waits move forward.
 */
abstract class SharedRequestBudgetContract {
    static final Duration WINDOW = Duration.ofSeconds(60);
    final SteppingClock clock = new SteppingClock(Instant.parse("2024-02-01T10:00:00Z"));
    final FakeSleeps sleeps = new FakeSleeps(clock::advance);
    private LedgerDatabase db;

    abstract LedgerDatabase newDatabase();

    @BeforeEach
    void open() {
        db = newDatabase();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private RequestBudget creates(String space) {
        return new JdbcRequestBudget(db, space, "create", RateLimit.bursting(5, WINDOW), sleeps::sleep);
    }

    /** Grants and answers at once, and returns when it was granted. */
    private Instant send(RequestBudget budget) {
        RequestBudget.Permit permit = budget.acquire();
        Instant at = clock.instant();
        permit.settle();
        return at;
    }

    @Test
    void givenTwoProcessesOfOneSpace_whenTheySendInTurn_thenNeverMoreThanTheLimitInAnyWindow() {
        RequestBudget a = creates("space-1");
        RequestBudget b = creates("space-1");
        List<Instant> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(send(i % 2 == 0 ? a : b));
        }
        Duration guarded = RateLimit.bursting(5, WINDOW).guardedWindow();
        for (Instant start : sent) {
            long inWindow = sent.stream().filter(t -> !t.isBefore(start) && t.isBefore(start.plus(guarded))).count();
            assertThat(inWindow).as("requests in the window from " + start).isLessThanOrEqualTo(5);
        }
        // Twelve creates at 5 per window need two full waits, and no more.
        assertThat(Duration.between(sent.get(0), sent.get(11))).isEqualTo(guarded.multipliedBy(2));
    }

    @Test
    void givenAnotherSpace_whenItSends_thenItsBudgetIsItsOwn() {
        RequestBudget a = creates("space-1");
        for (int i = 0; i < 5; i++) {
            send(a);
        }
        send(creates("space-2"));
        assertThat(sleeps.total()).isEqualTo(Duration.ZERO);
    }

    @Test
    void givenNothingKnown_whenTheFirstRequestIsOut_thenOtherProcessesWaitForItsAnswer() {
        RequestBudget a = creates("space-1");
        RequestBudget.Permit probe = a.acquire();
        Instant probeAt = clock.instant();
        RequestBudget b = new JdbcRequestBudget(db, "space-1", "create", RateLimit.bursting(5, WINDOW), d -> {
            sleeps.sleep(d);
            if (clock.instant().isAfter(probeAt.plusSeconds(3))) {
                probe.settle();
            }
        });
        b.acquire().settle();
        assertThat(clock.instant()).as("waited for the probe's answer").isAfter(probeAt.plusSeconds(3));
        assertThat(clock.instant()).as("and not for the window").isBefore(probeAt.plusSeconds(5));
    }

    @Test
    void givenProbeAnsweredWithFewRemaining_whenOthersBurst_thenTheBurstIsCappedUntilTheReset() {
        RequestBudget a = creates("space-1");
        RequestBudget.Permit probe = a.acquire();
        // A client outside the ledger spent most of the window: the server says 1 left, resetting in 40 s.
        a.observeRemaining(1, Duration.ofSeconds(40));
        probe.settle();
        Instant start = clock.instant();
        RequestBudget b = creates("space-1");
        send(b);
        assertThat(clock.instant()).isEqualTo(start);
        send(b);
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void givenA429SeenByOneProcess_whenAnotherSends_thenItWaitsThePause() {
        RequestBudget a = creates("space-1");
        send(a);
        a.pause(Duration.ofSeconds(30));
        Instant start = clock.instant();
        send(creates("space-1"));
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givenSpacedStatusLimitInTwoProcesses_whenBothPoll_thenRequestsAreSpacedAcrossThem() {
        RequestBudget a = new JdbcRequestBudget(db, "space-1", "status", RateLimit.spaced(30, WINDOW), sleeps::sleep);
        RequestBudget b = new JdbcRequestBudget(db, "space-1", "status", RateLimit.spaced(30, WINDOW), sleeps::sleep);
        List<Instant> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(send(i % 2 == 0 ? a : b));
        }
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 1), sent.get(i))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void givenRefusedKey_whenAskedAgain_thenNotSent() {
        RequestBudget a = creates("space-1");
        a.refuse(new ExportApiException(401, "Unauthorized", Map.of(), "POST /events/exports"));
        assertThatThrownBy(a::acquire).isInstanceOfSatisfying(ExportApiException.class,
                e -> assertThat(e.status()).isEqualTo(401));
    }
}
