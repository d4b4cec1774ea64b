package io.github.cometlyexport.port.driving;

/**
 * Says whether a table can be trusted: whether every closed day of a range is stored, whether the stored files are
 * still the bytes their manifests describe, and whether their volumes and keys look plausible. Reads the store
 * only; sends no request to Cometly. Thread-safe.
 */
public interface AuditTableUseCase {

    /**
     * @param command the table's dataset, the days and how deep to look
     * @return one row per day of the range and the table-level findings
     * @throws io.github.cometlyexport.port.driven.ExportStorageException when the store cannot be read
     */
    AuditReport audit(AuditTableCommand command);
}
