package io.parkcredit.bundle;

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
}
