package io.parkcredit.bundle;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "parkcredit.bundle")
public interface BundleConfig {

    /**
     * How many invalid rows an import reports one by one; the report always says how many were
     * found in all. Protects the caller from a multi-million-line answer.
     */
    @WithDefault("1000")
    int maxReportedErrors();

    /** PostgreSQL work_mem for the import's duplicate and reference checks and merges. */
    @WithDefault("128MB")
    String workMem();

    /**
     * PostgreSQL maintenance_work_mem for rebuilding indexes after a first load: enough to sort
     * a 5-million-row key in memory, shared by the parallel build workers.
     */
    @WithDefault("768MB")
    String maintenanceWorkMem();

    /**
     * Load a bundle whose tables are all empty by copying rows straight in and building indexes
     * once at the end (several times faster for a park's first import). The tables stay locked
     * for the import's duration; false always merges row by row.
     */
    @WithDefault("true")
    boolean initialLoad();

    /**
     * Largest bundle upload (API and import page); every other route takes
     * parkcredit.http.max-body-size. quarkus.http.limits.max-body-size must be at least this.
     */
    @WithDefault("4G")
    MemorySize maxUploadSize();

    /** Most files a bundle zip (or an .xlsx, which is a zip too) may hold. */
    @WithDefault("1000")
    int maxEntries();

    /** Largest uncompressed size of one file in a bundle. */
    @WithDefault("4G")
    MemorySize maxEntrySize();

    /** Largest uncompressed size of all files of a bundle together. */
    @WithDefault("16G")
    MemorySize maxTotalSize();

    /** Largest uncompressed-to-compressed ratio of a file (CSV compresses about 10:1; a zip bomb 1000:1 and more). */
    @WithDefault("100")
    int maxCompressionRatio();

    /** Largest uncompressed shared-strings table of an .xlsx, which the reader holds in memory. */
    @WithDefault("256M")
    MemorySize maxSharedStringsSize();
}
