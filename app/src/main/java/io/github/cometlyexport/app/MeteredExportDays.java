package io.github.cometlyexport.app;

import io.github.cometlyexport.adapter.metrics.MicrometerMetricsAdapter;
import io.github.cometlyexport.port.driving.DayResult;
import io.github.cometlyexport.port.driving.ExportDaysCommand;
import io.github.cometlyexport.port.driving.ExportDaysUseCase;
import io.github.cometlyexport.port.driving.ExportProgressListener;
import java.util.List;
import java.util.Objects;

/**
 * The days use case with metrics: every run's progress also goes to the metrics, and each day's result is counted
 * as the core reports it ({@link MicrometerMetricsAdapter#dayFinished}). Input refused before any work (another
 * table's filters) is not a day's result. The one-day export runs on this too, so both are counted alike.
 */
final class MeteredExportDays implements ExportDaysUseCase {
    private final ExportDaysUseCase inner;
    private final MicrometerMetricsAdapter metrics;

    MeteredExportDays(ExportDaysUseCase inner, MicrometerMetricsAdapter metrics) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public List<DayResult> exportDays(ExportDaysCommand command) {
        return inner.exportDays(command.withListener(ExportProgressListener.both(command.listener(),
                metrics.forDataset(command.table().dataset()))));
    }
}
