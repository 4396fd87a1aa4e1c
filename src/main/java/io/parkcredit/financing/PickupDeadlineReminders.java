package io.parkcredit.financing;

import io.parkcredit.monitoring.ReminderSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * FINANCING_PICKUP_DEADLINE (DOMAIN.md §6, §7): a routed, unclaimed request whose pickup deadline
 * falls within the next {@code parkcredit.financing.pickup-reminder-days} days alerts each
 * institution it is routed to on its current leg, once per request, institution and deadline day.
 */
@ApplicationScoped
public class PickupDeadlineReminders implements ReminderSource {

    public static final String KIND = "FINANCING_PICKUP_DEADLINE";

    @Inject
    FinancingConfig config;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String sql() {
        return """
                select 'FINANCING_PICKUP_DEADLINE:' || r.id || ':' || rt.institution_code || ':'
                           || cast(cast(r.pickup_deadline at time zone 'Asia/Shanghai' as date) as text) as reminder_key,
                       cast(r.seller_uscc as text) as uscc,
                       cast(rt.institution_code as text) as institution_code,
                       cast(r.pickup_deadline at time zone 'Asia/Shanghai' as date) as due_on,
                       '应收账款融资申请#' || r.id || '（' || r.debtor_name || ' 发票' || r.invoice_no || '，金额'
                           || r.requested_amount || '元）将于'
                           || to_char(r.pickup_deadline at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
                           || '领取截止' as title
                from financing_requests r
                join financing_routes rt on rt.request_id = r.id and rt.leg = r.route
                where r.status = 'ROUTED'
                  and cast(r.pickup_deadline at time zone 'Asia/Shanghai' as date) between cast(:today as date) and cast(:today as date) + %d
                """.formatted(Math.max(0, config.pickupReminderDays()));
    }
}
