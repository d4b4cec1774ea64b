package io.github.cometlyexport.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cometlyexport.app.CometlyExport;
import io.github.cometlyexport.domain.DayRecord;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.simulator.AnswerHold;
import io.github.cometlyexport.simulator.JobScript;
import io.github.cometlyexport.spring.demo.DemoApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo host started as applications are, several at once on one SQLite file (their {@code DataSource}) as the
 * ledger: two instances export a day once; a shutdown during a download closes within its grace (plus the stalled
 * read's timeout) and the next start resumes the recorded job; the cron schedule runs by itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoHostIT {
    private final TestTime time = new TestTime();
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
        time.close();
    }

    private ConfigurableApplicationContext start(String... more) {
        List<String> props = new ArrayList<>(List.of("cometly.export.api-key=" + TestTime.KEY,
                "cometly.export.base-url=" + time.sim.baseUrl(), "cometly.export.space-zone=UTC",
                "cometly.export.ledger=datasource", "spring.datasource.url=jdbc:sqlite:" + dir.resolve("ledger.db"),
                "cometly.export.tables.events.destination=" + dir.resolve("exports")));
        props.addAll(List.of(more));
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(DemoApplication.class)
                .web(WebApplicationType.NONE).properties(props.toArray(String[]::new))
                .initializers(c -> c.getBeanFactory().registerSingleton("testTime",
                        new CometlyExportTime(time.clock, time.sleeper))).run();
        contexts.add(ctx);
        return ctx;
    }

    private static List<DayResult> events(ConfigurableApplicationContext ctx) {
        Optional<Map<String, List<DayResult>>> run = ctx.getBean(CometlyExportRunner.class).runOnce();
        assertThat(run).as("the run was not skipped").isPresent();
        return run.get().get("events");
    }

    /** Waits for a condition that the system under test brings about (never for a fixed time). */
    private static void await(String what, BooleanSupplier condition) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - until).as("waiting for " + what).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    @Test
    void givenTwoInstancesOnOneLedger_whenBothRunWhileTheFirstCreates_thenTheDayIsExportedOnce() throws Exception {
        ConfigurableApplicationContext a = start();
        ConfigurableApplicationContext b = start();
        AnswerHold create = time.sim.holdNextApiAnswer();
        CompletableFuture<List<DayResult>> first = CompletableFuture.supplyAsync(() -> events(a));
        assertThat(create.awaitArrival(Duration.ofSeconds(60))).as("a's create reached the simulator").isTrue();

        List<DayResult> second = events(b);
        create.release();

        assertThat(second).singleElement().isInstanceOf(DayResult.HeldElsewhere.class);
        assertThat(first.get(60, TimeUnit.SECONDS)).singleElement().isInstanceOf(DayResult.Stored.class);
        assertThat(time.createsFor(TestTime.JAN_15)).isEqualTo(1);
        assertThat(events(b)).as("b's next run finds it stored").singleElement()
                .isInstanceOf(DayResult.Skipped.class);
        assertThat(time.createsFor(TestTime.JAN_15)).isEqualTo(1);
    }

    @Test
    void givenADownloadUnderWay_whenTheContextCloses_thenItClosesWithinTheGraceAndTheNextStartResumesTheJob()
            throws Exception {
        ConfigurableApplicationContext first = start("cometly.export.shutdown-grace=1s",
                "cometly.export.download-timeout=5s");
        time.sim.scriptNextJob(JobScript.builder().stall(100, Duration.ofSeconds(120), 1000).build());
        CometlyExportRunner runner = first.getBean(CometlyExportRunner.class);
        CompletableFuture<Optional<Map<String, List<DayResult>>>> run = CompletableFuture.supplyAsync(
                runner::runOnce);
        await("the download to begin", () -> time.downloadsBegun() > 0);
        assertThat(runner.runOnce()).as("runs never overlap in a process").isEmpty();

        long began = System.nanoTime();
        first.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - began);

        assertThat(closing).as("grace 1 s, then the stalled read's 5 s timeout; the stall lasts 120 s")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(run).isDone();
        assertThat(time.createsFor(TestTime.JAN_15)).isEqualTo(1);
        assertThat(dir.resolve("exports/events/date=2024-01-15/events-2024-01-15.ndjson.gz")).doesNotExist();

        ConfigurableApplicationContext second = start();
        List<DayRecord> recorded = second.getBean(CometlyExport.class).ledger().list(TestTime.JAN_15,
                TestTime.JAN_15, "events");
        assertThat(recorded).singleElement().satisfies(r -> assertThat(r.holder()).as("lease released").isNull());
        time.sim.rescript(recorded.get(0).exportId().value(), JobScript.completed());
        List<DayResult> resumed = events(second);

        assertThat(resumed).singleElement().isInstanceOf(DayResult.Stored.class);
        assertThat(time.createsFor(TestTime.JAN_15)).as("the recorded job resumed, none created").isEqualTo(1);
        assertThat(dir.resolve("exports/events/date=2024-01-15/events-2024-01-15.ndjson.gz")).isRegularFile();
    }

    @Test
    void givenNoKeyAndABadRate_whenTheHostStarts_thenBootsFailureReportNamesBothProperties(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(DemoApplication.class).web(WebApplicationType.NONE)
                .properties("cometly.export.status-rate=0", "spring.datasource.url=jdbc:sqlite:" + dir.resolve("l.db"),
                        "cometly.export.tables.events.destination=" + dir);

        assertThatThrownBy(app::run).isInstanceOf(RuntimeException.class);

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "cometly.export.api-key is not set",
                "cometly.export.status-rate must be at least 1", "Set or correct each property");
    }

    @Test
    void givenACronEverySecond_whenTheHostRuns_thenTheScheduleStoresTheDayOnItsOwn() {
        ConfigurableApplicationContext ctx = start("cometly.export.schedule.cron=* * * * * *");
        ExportRunLog log = ctx.getBean(ExportRunLog.class);

        await("a scheduled run to succeed", () -> log.table("events").map(r -> r.lastSuccess() != null)
                .orElse(false));

        assertThat(dir.resolve("exports/events/date=2024-01-15/events-2024-01-15.ndjson.gz")).isRegularFile();
        ctx.close();
        assertThat(time.createsFor(TestTime.JAN_15)).as("later runs skip the stored day").isEqualTo(1);
    }
}
