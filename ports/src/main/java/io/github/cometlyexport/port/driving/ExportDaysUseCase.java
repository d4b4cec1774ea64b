package io.github.cometlyexport.port.driving;

import java.util.List;

/**
 * Exports a range of days of one table (a dataset and its filters) as fast as the Space's limits allow: every day's
 * job created as the create budget allows (up to a cap of jobs in flight), every job in flight awaited by one
 * poller under the status budget, completed jobs downloaded, verified and stored by a bounded pool. Expected ends
 * are {@link DayResult}s, one per day; a day's failure never stops the others. Thread-safe: runs may go on at once
 * (they share the Space's budgets).
 */
public interface ExportDaysUseCase {

    /**
     * @param command the table, the days and how to treat stored and open days
     * @return one result per day of the range, in date order
     * @throws io.github.cometlyexport.domain.InvalidExportRequestException before any request, when the destination's
     *                                                                      table holds other filters or format
     * @throws io.github.cometlyexport.port.driven.ExportInterruptedException if the calling thread is interrupted
     */
    List<DayResult> exportDays(ExportDaysCommand command);
}
