package io.parkcredit.credit;

import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Column values as Hibernate's native queries hand them over. */
final class CreditSql {

    private CreditSql() {
    }

    static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof LocalDate d ? d : ((java.sql.Date) o).toLocalDate();
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof Instant i ? i : o instanceof OffsetDateTime t ? t.toInstant() : ((Timestamp) o).toInstant();
    }

    static Long lng(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    static Object[] single(Query q) {
        @SuppressWarnings("unchecked")
        List<Object> rows = q.getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object first = rows.get(0);
        return first instanceof Object[] a ? a : new Object[] {first};
    }

    @SuppressWarnings("unchecked")
    static List<Object[]> rows(Query q) {
        List<Object> rows = q.getResultList();
        return rows.stream().map(r -> r instanceof Object[] a ? a : new Object[] {r}).toList();
    }
}
