package io.parkcredit.monitoring;

/**
 * Institutions with an active financing relation to a firm (DOMAIN.md §6): a SERIOUS event about
 * the firm alerts each of them. Loans in the registry are one source; receivables financing another.
 * Implementations are CDI beans ({@code @ApplicationScoped}); monitoring unions them all.
 */
public interface ExposureSource {

    /**
     * One SELECT returning {@code (uscc text, institution_code text)} pairs of active relations on
     * the day given by the placeholder {@code :today}; duplicates are allowed.
     */
    String sql();
}
