package io.parkcredit.financing;

import io.parkcredit.classification.ClassificationService;
import io.parkcredit.classification.CreditList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the facts of the cash-flow check from the registry (one indexed query over the seller's
 * flows of the 12 months before the grading month, the debtor's latest published list and valid
 * rating) and applies {@link CashFlowGrading}.
 */
@ApplicationScoped
public class GradingService {

    @Inject
    EntityManager em;

    @Inject
    ClassificationService classification;

    @Transactional
    public CashFlowGrading.Result grade(String seller, String debtor, BigDecimal amount, boolean confirmed,
            LocalDate day) {
        LocalDate to = day.withDayOfMonth(1);
        LocalDate from = to.minusMonths(CashFlowGrading.MONTHS);
        double[] debtorInflow = new double[CashFlowGrading.MONTHS];
        long[] debtorCount = new long[CashFlowGrading.MONTHS];
        double[] firmInflow = new double[CashFlowGrading.MONTHS];
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select cast(date_trunc('month', booked_on) as date), sum(amount),
                       coalesce(sum(amount) filter (where counterparty_uscc = ?2), 0),
                       count(*) filter (where counterparty_uscc = ?2)
                from transactions
                where uscc = ?1 and direction = 'IN' and booked_on >= ?3 and booked_on < ?4
                group by 1""").setParameter(1, seller).setParameter(2, debtor)
                .setParameter(3, Date.valueOf(from)).setParameter(4, Date.valueOf(to)).getResultList();
        for (Object[] r : rows) {
            LocalDate month = r[0] instanceof LocalDate d ? d : ((Date) r[0]).toLocalDate();
            int i = (int) ChronoUnit.MONTHS.between(from, month);
            firmInflow[i] = ((BigDecimal) r[1]).doubleValue();
            debtorInflow[i] = ((BigDecimal) r[2]).doubleValue();
            debtorCount[i] = ((Number) r[3]).longValue();
        }
        Optional<Map.Entry<Integer, CreditList>> list = classification.latestPublishedList(debtor);
        boolean red = list.map(e -> e.getValue() == CreditList.RED).orElse(false);
        return CashFlowGrading.grade(new CashFlowGrading.Input(amount, confirmed, debtorInflow, debtorCount, firmInflow,
                red, rating(debtor, day), list.map(Map.Entry::getKey).orElse(null)));
    }

    /** The debtor's published rating valid on the day and not revoked, or null. */
    String rating(String uscc, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<String> grades = em.createNativeQuery("""
                select grade from published_ratings
                where uscc = ?1 and revoked_on is null and valid_from <= ?2 and valid_until >= ?2
                order by valid_from desc, id desc limit 1""").setParameter(1, uscc).setParameter(2, Date.valueOf(day))
                .getResultList();
        return grades.isEmpty() ? null : grades.get(0);
    }
}
