package io.parkcredit.credit;

import io.parkcredit.monitoring.ReminderSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * §8's deadlines in the clustered reminder scan (DOMAIN.md §6): each key names the row and the day,
 * so a reminder is raised once however often and on however many nodes the scan runs, and its
 * alert and SMS follow the monitoring rules (quiet hours, daily cap).
 */
final class CreditReminders {

    private CreditReminders() {
    }

    /** The periods of the rules in force, as SQL. */
    private static String months(String key) {
        return "(select (params ->> '" + key + "')::int from credit_rule_sets order by version desc limit 1)";
    }

    /**
     * A GENERAL or SERIOUS record whose shortest publication period ended: the firm may now apply
     * to repair it (§8.3). Raised on the first day, or within the week after when a scan was missed.
     */
    @ApplicationScoped
    static class RepairEligible implements ReminderSource {
        @Override
        public String kind() {
            return "REPAIR_ELIGIBLE";
        }

        @Override
        public String sql() {
            return "select 'REPAIR_ELIGIBLE:' || e.id as reminder_key, e.uscc, null::text as institution_code, f.first_day as due_on,"
                    + " '信用记录“' || coalesce(nullif(e.title, ''), e.source || '/' || e.event_no) || '”已满最短公示期，自'"
                    + " || f.first_day || '起可申请信用修复' as title"
                    + " from credit_events e cross join lateral (select cast(e.occurred_on + make_interval(months => case e.severity"
                    + " when 'SERIOUS' then " + months("seriousShortestMonths") + " else " + months("generalShortestMonths")
                    + " end) + interval '1 day' as date) as first_day) f"
                    + " where e.severity in ('GENERAL', 'SERIOUS') and e.type <> 'DISHONEST_DEBTOR' and e.repaired_on is null"
                    + " and f.first_day <= :today and f.first_day > :today - 7";
        }
    }

    /** An objection past its 10 working days: the park is alerted every day until it decides (§8.2). */
    @ApplicationScoped
    static class ObjectionOverdue implements ReminderSource {
        @Override
        public String kind() {
            return "OBJECTION_OVERDUE";
        }

        @Override
        public String sql() {
            return "select 'OBJECTION_OVERDUE:' || o.id || ':' || :today as reminder_key, o.uscc, null::text as institution_code,"
                    + " o.due_on, '异议 #' || o.id || '（' || o.item_ref || '）已超过办理期限' || o.due_on || '，请园区信用办尽快处理'"
                    + " as title from credit_objections o where o.status in ('SUBMITTED', 'VERIFYING') and o.due_on < :today";
        }

        @Override
        public boolean textsFirm() {
            return false;
        }
    }

    /** A repair application past its 5 working days: the park is alerted every day until it decides (§8.3). */
    @ApplicationScoped
    static class RepairOverdue implements ReminderSource {
        @Override
        public String kind() {
            return "REPAIR_OVERDUE";
        }

        @Override
        public String sql() {
            return "select 'REPAIR_OVERDUE:' || r.id || ':' || :today as reminder_key, r.uscc, null::text as institution_code,"
                    + " r.due_on, '信用修复申请 #' || r.id || '（' || r.item_ref || '）已超过办理期限' || r.due_on || '，请园区信用办尽快处理'"
                    + " as title from credit_repairs r where r.status = 'SUBMITTED' and r.due_on < :today";
        }

        @Override
        public boolean textsFirm() {
            return false;
        }
    }
}
