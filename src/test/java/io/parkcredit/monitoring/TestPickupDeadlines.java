package io.parkcredit.monitoring;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A stand-in for the financing feature's pickup-deadline reminders: loans numbered PICKUP-… act as
 * routed requests whose pickup window closes 7 days after their start.
 */
@ApplicationScoped
public class TestPickupDeadlines implements ReminderSource {

    @Override
    public String kind() {
        return "FINANCING_PICKUP_DEADLINE";
    }

    @Override
    public String sql() {
        return "select 'FINANCING_PICKUP_DEADLINE:' || l.id as reminder_key, l.uscc, l.lender_code as institution_code,"
                + " l.start_date + 7 as due_on, '融资申请领取期限将于' || (l.start_date + 7) || '截止' as title"
                + " from loans l where l.loan_no like 'PICKUP-%' and l.start_date + 7 between :today and :today + 3";
    }
}
