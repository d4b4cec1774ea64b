package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.metrics.MicrometerMetricsAdapter;
import io.github.cometlyexport.domain.Dataset;
import io.github.cometlyexport.domain.InvalidExportRequestException;
import io.github.cometlyexport.port.driving.ExportEventsCommand;
import io.github.cometlyexport.port.driving.ExportEventsUseCase;
import io.github.cometlyexport.port.driving.ExportOutcome;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import java.util.Objects;

/**
 * The export use case with metrics: every command's progress also goes to the metrics, and each day's result is
 * counted (stored, skipped, or failed — also when the export throws). A day another process holds is not a result
 * yet; input refused before any work (exit 2) is not a day's result either.
 */
final class MeteredExportEvents implements ExportEventsUseCase {
    private final ExportEventsUseCase inner;
    private final MicrometerMetricsAdapter metrics;

    MeteredExportEvents(ExportEventsUseCase inner, MicrometerMetricsAdapter metrics) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public ExportOutcome export(ExportEventsCommand command) {
        Dataset dataset = command.request().dataset();
        ExportOutcome outcome;
        try {
            outcome = inner.export(new ExportEventsCommand(command.request(), command.mode(),
                    ExportProgressListener.both(command.listener(), metrics)));
        } catch (InvalidExportRequestException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            metrics.dayNotStored(dataset, "failed");
            throw e;
        }
        if (outcome instanceof ExportOutcome.Stored stored) {
            metrics.dayStored(stored.stored(), stored.alreadyStored());
        } else if (!(outcome instanceof ExportOutcome.HeldElsewhere)) {
            metrics.dayNotStored(dataset, "failed");
        }
        return outcome;
    }
}
