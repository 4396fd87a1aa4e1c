package io.parkcredit.financing;

import io.parkcredit.monitoring.ExposureSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Institutions with an active financing relation to a firm (DOMAIN.md §6): the bank or guarantor
 * holding a claimed, offered, accepted or disbursed request that is not repaid, and the guarantor
 * whose guarantee backs a request still open.
 */
@ApplicationScoped
public class FinancingExposure implements ExposureSource {

    @Override
    public String sql() {
        return """
                select cast(r.seller_uscc as text) as uscc, cast(r.claimed_by as text) as institution_code
                from financing_requests r
                where r.status in ('CLAIMED', 'OFFERED', 'ACCEPTED', 'DISBURSED') and r.claimed_by is not null
                  and cast(r.posted_at at time zone 'Asia/Shanghai' as date) <= cast(:today as date)
                union all
                select cast(r.seller_uscc as text), cast(r.guarantor_code as text)
                from financing_requests r
                where r.guarantor_code is not null and r.status not in ('REPAID', 'WITHDRAWN', 'REJECTED')
                  and cast(r.posted_at at time zone 'Asia/Shanghai' as date) <= cast(:today as date)
                """;
    }
}
