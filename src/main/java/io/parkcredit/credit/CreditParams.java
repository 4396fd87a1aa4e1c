package io.parkcredit.credit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The §8 rules as data (DOMAIN.md §8): periods, deadlines and verification tiers. Stored as
 * numbered versions in {@code credit_rule_sets}; every commitment, objection and repair records the
 * version it was decided under.
 *
 * @param generalShortestMonths  GENERAL records: shortest publication period (repair from the day after)
 * @param generalLongestMonths   GENERAL records: longest publication period (publication ends by itself)
 * @param seriousShortestMonths  SERIOUS records: shortest publication period
 * @param seriousLongestMonths   SERIOUS records: longest publication period
 * @param objectionWorkingDays   an objection is decided within this many working days of submission
 * @param repairWorkingDays      a repair application is decided within this many working days
 * @param reapplyDays            after a rejected repair, a new application waits this many days
 * @param repairBreachMonths     breaching the repair commitment within this many months revokes the repair
 * @param exemptGrade            a valid grade at least this good exempts from verification (with RED)
 * @param onSiteGrade            a valid grade at most this good means on-site verification
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreditParams(int generalShortestMonths, int generalLongestMonths, int seriousShortestMonths,
        int seriousLongestMonths, int objectionWorkingDays, int repairWorkingDays, int reapplyDays,
        int repairBreachMonths, String exemptGrade, String onSiteGrade) {

    /** DOMAIN.md §8 defaults. */
    public static final CreditParams DEFAULTS = new CreditParams(3, 12, 12, 36, 10, 5, 30, 12, "AA", "B");
}
