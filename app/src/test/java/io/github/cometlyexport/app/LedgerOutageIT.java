package io.github.cometlyexport.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.cometlyexport.domain.ApiKey;
import io.github.cometlyexport.domain.ExportRequest;
import io.github.cometlyexport.port.driven.Sleeper;
import io.github.cometlyexport.port.driving.ExportEventsCommand;
import io.github.cometlyexport.port.driving.ExportOutcome;
import io.github.cometlyexport.simulator.AnswerHold;
import io.github.cometlyexport.simulator.CometlySimulator;
import io.github.cometlyexport.simulator.SimulatorConfig;
import io.github.cometlyexport.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's PostgreSQL goes down while a create is being answered and comes back: the created job is never lost
 * (no second job for the day), and the day is stored by the run or by its rerun. The simulator holds the create's
 * answer until the database is down; the database comes back once the exporter has found it down.
 */
class LedgerOutageIT {
    @TempDir
    Path dir;

    @Test
    void givenPostgresStoppedWhileACreateIsAnswered_whenItComesBack_thenOneJobAndTheDayStored() throws Exception {
        String key = "outage_key";
        try (PostgresServer pg = PostgresServer.startRestartable(dir.resolve("pg"));
             CometlySimulator sim = CometlySimulator.start(SimulatorConfig.defaults().toBuilder()
                     .key(key, "space-outage").defaultEvents(20).build())) {
            HikariConfig hikari = new HikariConfig();
            hikari.setJdbcUrl(pg.jdbcUrl(pg.newDatabase()));
            hikari.setMaximumPoolSize(4);
            // A host's pool that gives up on a connection quickly while the database is down.
            hikari.setConnectionTimeout(500);
            AtomicBoolean answered = new AtomicBoolean();
            CountDownLatch waitedAfterAnswer = new CountDownLatch(1);
            // Really waits; says when the exporter first waited after the answer (the ledger's retry, when it has one).
            Sleeper sleeper = d -> {
                if (answered.get()) {
                    waitedAfterAnswer.countDown();
                }
                Sleeper.system().sleep(d);
            };
            CometlyExportConfig config = CometlyExportConfig.builder(new ApiKey(key)).baseUrl(sim.baseUrl()).build();
            String out = dir.resolve("out").toString();
            ExportRequest request = ExportRequest.builder().date("2024-01-15").build();
            try (HikariDataSource host = new HikariDataSource(hikari)) {
                AnswerHold create = sim.holdNextApiAnswer();
                CompletableFuture<ExportOutcome> run;
                try (CometlyExport cometly = CometlyExport.builder(config).ledger(host).sleeper(sleeper).build()) {
                    run = CompletableFuture.supplyAsync(() -> cometly.table(out).exportEvents().export(
                            ExportEventsCommand.of(request)));
                    assertThat(create.awaitArrival(Duration.ofSeconds(30))).as("the create reached Cometly").isTrue();
                    pg.stop();
                    answered.set(true);
                    create.release();
                    // Until the exporter waits (retrying the ledger) or gives up: either way it met the outage.
                    while (!waitedAfterAnswer.await(50, TimeUnit.MILLISECONDS) && !run.isDone()) {
                        assertThat(run.isCompletedExceptionally()).isFalse();
                    }
                    pg.startAgain();
                    ExportOutcome first = run.handle((outcome, failure) -> outcome).get(2, TimeUnit.MINUTES);
                    if (!(first instanceof ExportOutcome.Stored)) {
                        // The rerun a user (or cron) would start: it must resume the job, not create another.
                        assertThat(cometly.table(out).exportEvents().export(ExportEventsCommand.of(request)))
                                .isInstanceOf(ExportOutcome.Stored.class);
                    }
                }
            }
            assertThat(sim.journal().jobsCreated()).as(sim.journal().entries().toString()).isEqualTo(1);
        }
    }
}
