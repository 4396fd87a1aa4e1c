package io.parkcredit.rating;

import io.parkcredit.shared.ProblemException;
import java.time.LocalDate;

/**
 * Whether a firm may apply for a rating on a day (DOMAIN.md §5): not while barred by a revocation
 * (3 years from the revocation day), not while another application is open, and, holding a valid
 * grade, only in its last 3 months (a re-rating, 复评).
 */
public final class ApplicationRules {

    private ApplicationRules() {
    }

    public enum Kind { FIRST, RERATING }

    /**
     * @param lastRevokedOn      the latest revocation day of the firm's grades, or null
     * @param validUntil         the last day of the firm's current valid grade, or null
     * @throws ProblemException 409 with the reason when the firm may not apply
     */
    public static Kind check(LocalDate day, boolean openApplication, LocalDate lastRevokedOn, LocalDate validUntil,
            int barYears, int reratingMonths) {
        if (lastRevokedOn != null && day.isBefore(lastRevokedOn.plusYears(barYears))) {
            throw ProblemException.conflict("rating-barred", "信用等级已于 " + lastRevokedOn + " 被撤销，"
                    + lastRevokedOn.plusYears(barYears) + " 前不得重新申请 (barred until "
                    + lastRevokedOn.plusYears(barYears) + ")", "revokedOn", lastRevokedOn, "until",
                    lastRevokedOn.plusYears(barYears));
        }
        if (openApplication) {
            throw ProblemException.conflict("rating-application-open", "已有进行中的信用评价申请 (an application is open)");
        }
        if (validUntil != null && !day.isAfter(validUntil)) {
            LocalDate opens = validUntil.minusMonths(reratingMonths).plusDays(1);
            if (day.isBefore(opens)) {
                throw ProblemException.conflict("rerating-not-open", "现有信用等级有效期至 " + validUntil
                        + "，复评申请自 " + opens + " 起受理 (re-rating opens on " + opens + ")", "validUntil", validUntil,
                        "opens", opens);
            }
            return Kind.RERATING;
        }
        return Kind.FIRST;
    }
}
