package io.parkcredit.monitoring;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The reminders monitoring computes from the registry itself (DOMAIN.md §6, §5, §8). Each key names
 * the row and the deadline, so a reminder is raised once however often the scan runs.
 */
final class RegistryReminders {

    private RegistryReminders() {
    }

    /** A published rating expiring within 3 months (re-rating may be requested in its last 3 months, §5). */
    @ApplicationScoped
    static class RatingExpiry implements ReminderSource {
        @Override
        public String kind() {
            return "RATING_EXPIRY";
        }

        @Override
        public String sql() {
            return "select 'RATING_EXPIRY:' || r.id || ':' || r.valid_until as reminder_key, r.uscc, null::text as institution_code,"
                    + " r.valid_until as due_on, '信用等级' || r.grade || '将于' || r.valid_until || '到期，可申请重新评价' as title"
                    + " from published_ratings r where r.revoked_on is null"
                    + " and r.valid_until >= :today and r.valid_until <= :today + interval '3 months'";
        }
    }

    /** A rating's annual review (年度复审) falls due within 30 days: each anniversary of its validity. */
    @ApplicationScoped
    static class AnnualReview implements ReminderSource {
        @Override
        public String kind() {
            return "ANNUAL_REVIEW";
        }

        @Override
        public String sql() {
            return "select 'ANNUAL_REVIEW:' || r.id || ':' || d.due::date as reminder_key, r.uscc, null::text as institution_code,"
                    + " d.due::date as due_on, '信用等级' || r.grade || '年度复审将于' || d.due::date || '到期' as title"
                    + " from published_ratings r cross join lateral (select r.valid_from + make_interval(years => n) as due"
                    + " from generate_series(1, 10) n) d"
                    + " where r.revoked_on is null and d.due < r.valid_until"
                    + " and d.due >= :today and d.due <= :today + interval '30 days'";
        }
    }

    /** An open loan falling due within 30 days; the lender is alerted too. */
    @ApplicationScoped
    static class LoanDue implements ReminderSource {
        @Override
        public String kind() {
            return "LOAN_DUE";
        }

        @Override
        public String sql() {
            return "select 'LOAN_DUE:' || l.id || ':' || l.due_date as reminder_key, l.uscc, l.lender_code as institution_code,"
                    + " l.due_date as due_on, '贷款' || l.loan_no || '（本金' || l.principal || '元）将于' || l.due_date || '到期' as title"
                    + " from loans l where l.settled_on is null"
                    + " and l.due_date >= :today and l.due_date <= :today + 30";
        }
    }

    /**
     * A GENERAL or SERIOUS record reaches its minimum publication period (§8: 3 months, 1 year):
     * the firm may now apply for repair. Raised within 30 days of that day and only while the
     * record is still published and unrepaired (MINOR records are not published).
     */
    @ApplicationScoped
    static class RepairEligibility implements ReminderSource {
        @Override
        public String kind() {
            return "REPAIR_ELIGIBLE";
        }

        @Override
        public String sql() {
            return "select 'REPAIR_ELIGIBLE:' || e.id as reminder_key, e.uscc, null::text as institution_code,"
                    + " x.eligible as due_on, '信用记录“' || coalesce(e.title, e.type) || '”已满最短公示期，可申请信用修复' as title"
                    + " from credit_events e cross join lateral (select (e.occurred_on + case e.severity when 'SERIOUS'"
                    + " then interval '1 year' else interval '3 months' end + interval '1 day')::date as eligible,"
                    + " (e.occurred_on + case e.severity when 'SERIOUS' then interval '3 years' else interval '1 year' end)::date as ends) x"
                    + " where e.severity in ('GENERAL', 'SERIOUS') and e.repaired_on is null and e.type <> 'DISHONEST_DEBTOR'"
                    + " and x.eligible <= :today and x.eligible > :today - 30 and x.ends > :today";
        }
    }

    /** Open loans: the lender has a financing relation to the firm (DOMAIN.md §6). */
    @ApplicationScoped
    static class LoanExposure implements ExposureSource {
        @Override
        public String sql() {
            return "select l.uscc, l.lender_code as institution_code from loans l"
                    + " where l.settled_on is null and l.start_date <= :today";
        }
    }
}
