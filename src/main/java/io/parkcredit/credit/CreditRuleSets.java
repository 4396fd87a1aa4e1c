package io.parkcredit.credit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The §8 rules in force (the latest {@code credit_rule_sets} version) and the park's working-day
 * calendar (holidays and make-up workdays, kept by the ADMIN).
 */
@ApplicationScoped
public class CreditRuleSets {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    /** A rule version with its parameters. */
    public record Rules(int version, CreditParams params) {
    }

    /** One calendar day that is not an ordinary day. */
    public record CalendarDay(LocalDate day, String kind, String name) {
    }

    @Transactional
    public Rules current() {
        Object[] row = (Object[]) em.createNativeQuery(
                "select version, cast(params as text) from credit_rule_sets order by version desc limit 1").getSingleResult();
        try {
            return new Rules(((Number) row[0]).intValue(), json.readValue((String) row[1], CreditParams.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("credit rule set is not readable", e);
        }
    }

    @Transactional
    public WorkingCalendar calendar() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select day, kind from park_calendar").getResultList();
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> workdays = new HashSet<>();
        for (Object[] r : rows) {
            LocalDate d = CreditSql.date(r[0]);
            ("HOLIDAY".equals(r[1]) ? holidays : workdays).add(d);
        }
        return new WorkingCalendar(holidays, workdays);
    }

    @Transactional
    public List<CalendarDay> days(int year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select day, kind, name from park_calendar"
                + " where extract(year from day) = ?1 order by day").setParameter(1, year).getResultList();
        return rows.stream().map(r -> new CalendarDay(CreditSql.date(r[0]), (String) r[1], (String) r[2])).toList();
    }

    /** Marks a day as a holiday or a make-up workday, or (kind null) back to an ordinary day (ADMIN). */
    @Transactional
    public CalendarDay setDay(LocalDate day, String kind, String name) {
        currentUser.require(Action.PARK_CALENDAR_CHANGE);
        if (day == null) {
            throw ProblemException.invalid("day", "required (yyyy-MM-dd)");
        }
        String k = kind == null || kind.isBlank() ? null : kind.strip().toUpperCase(java.util.Locale.ROOT);
        if (k != null && !k.equals("HOLIDAY") && !k.equals("WORKDAY")) {
            throw ProblemException.invalid("kind", "HOLIDAY, WORKDAY or empty for an ordinary day");
        }
        em.createNativeQuery("delete from park_calendar where day = ?1").setParameter(1, day).executeUpdate();
        String n = null;
        if (k != null) {
            n = Text.required("name", name, 100);
            em.createNativeQuery("insert into park_calendar (day, kind, name, updated_by) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, day).setParameter(2, k).setParameter(3, n).setParameter(4, currentUser.name())
                    .executeUpdate();
        }
        audit.record("PARK_CALENDAR_CHANGED", "park_calendar", day.toString(), k == null ? "ordinary day" : k + " " + n, null);
        return new CalendarDay(day, k, n);
    }
}
