package io.parkcredit.credit;

import io.parkcredit.monitoring.ReminderSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * §8's deadlines in the clustered reminder scan (DOMAIN.md §6); the firm's first repair day is
 * monitoring's own REPAIR_ELIGIBLE reminder. Each key names the row and the day,
 * so a reminder is raised once however often and on however many nodes the scan runs, and its
 * alert and SMS follow the monitoring rules (quiet hours, daily cap).
 */
final class CreditReminders {

    private CreditReminders() {
    }

    /** An objection past its 10 working days: the park is alerted every day (for 30 days) until it decides (§8.2). */
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
                    + " as title from credit_objections o where o.status in ('SUBMITTED', 'VERIFYING')"
                    + " and o.due_on < :today and o.due_on >= :today - 30";
        }

        @Override
        public boolean textsFirm() {
            return false;
        }
    }

    /** A repair application past its 5 working days: the park is alerted every day (for 30 days) until it decides (§8.3). */
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
                    + " as title from credit_repairs r where r.status = 'SUBMITTED'"
                    + " and r.due_on < :today and r.due_on >= :today - 30";
        }

        @Override
        public boolean textsFirm() {
            return false;
        }
    }
}
