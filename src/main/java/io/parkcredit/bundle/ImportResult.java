package io.parkcredit.bundle;

import java.util.List;
import java.util.Map;

/**
 * Outcome of an accepted import (API.md): rows taken from each file, and what they changed.
 *
 * @param imported rows read from each file (0 for files not in the bundle)
 * @param changes  per file, rows inserted, updated and left unchanged (they already held the same values)
 * @param dryRun   true when everything was checked and nothing written
 * @param ignored  entries of the archive that are not bundle files
 */
public record ImportResult(Map<String, Long> imported, Map<String, FileChanges> changes, boolean dryRun,
        List<String> ignored) {

    /**
     * @param loadMs  time to read, check and stage the file
     * @param mergeMs time to merge the staged rows into the registry
     */
    public record FileChanges(long rows, long inserted, long updated, long unchanged, long loadMs, long mergeMs) {
    }

    public long totalRows() {
        return imported.values().stream().mapToLong(Long::longValue).sum();
    }
}
