package io.parkcredit.rating;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Rating workflow settings (DOMAIN.md §5). */
@ConfigMapping(prefix = "parkcredit.rating")
public interface RatingConfig {

    /** Days the firm has to object to its draft grade (异议期), counted from the scoring day. */
    @WithDefault("10")
    int objectionDays();

    /** Days of the publicity period (公示期) after approval; publication follows the day after. */
    @WithDefault("7")
    int publicityDays();

    /** Years a published grade is valid. */
    @WithDefault("3")
    int validityYears();

    /** Months before expiry from which a re-rating (复评) may be requested. */
    @WithDefault("3")
    int reratingMonths();

    /** Years a revocation bars a new application. */
    @WithDefault("3")
    int revocationBarYears();

    /** How often the deadline sweep runs (Quartz, clustered), e.g. {@code 1h}, {@code 15m}. */
    @WithDefault("1h")
    String sweepEvery();

    /**
     * TrueType font (.ttf, .ttc or .otf) with Chinese glyphs for the PDF report; when unset, common
     * CJK font locations are searched (Debian fonts-wqy-microhei, Noto CJK, …).
     */
    Optional<String> reportFont();
}
