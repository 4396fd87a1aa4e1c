package io.parkcredit.credit;

import io.parkcredit.classification.ClassificationService;
import io.parkcredit.classification.CreditList;
import io.parkcredit.credit.CreditRules.CreditStanding;
import io.parkcredit.credit.CreditRules.NotificationFacts;
import io.parkcredit.credit.CreditRules.RecordFact;
import io.parkcredit.enterprise.EventType;
import io.parkcredit.enterprise.Severity;
import io.parkcredit.rating.Grade;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What §8's rules read about one firm, from the registry, the published lists and grades and the
 * firm's own commitments. Callers check rights first and run inside their transaction.
 */
@ApplicationScoped
class CreditFacts {

    @Inject
    EntityManager em;

    @Inject
    ClassificationService classification;

    /** A negative credit record of the firm with its row id and title. */
    record Negative(long id, RecordFact fact, String title) {
    }

    String firmName(String uscc) {
        Object[] row = CreditSql.single(em.createNativeQuery("select name from enterprises where uscc = ?1").setParameter(1, uscc));
        if (row == null) {
            throw ProblemException.notFound("enterprise", uscc);
        }
        return (String) row[0];
    }

    /** The firm's negative records, newest first. */
    List<Negative> negatives(String uscc) {
        List<Negative> out = new ArrayList<>();
        for (Object[] r : CreditSql.rows(em.createNativeQuery("select id, source || '/' || event_no, type, severity,"
                + " occurred_on, repaired_on, coalesce(title, '') from credit_events where uscc = ?1 and severity is not null"
                + " order by occurred_on desc, id desc").setParameter(1, uscc))) {
            out.add(new Negative(CreditSql.lng(r[0]), new RecordFact((String) r[1], EventType.valueOf((String) r[2]),
                    Severity.valueOf((String) r[3]), CreditSql.date(r[4]), CreditSql.date(r[5])), (String) r[6]));
        }
        return out;
    }

    /** The event a reference {@code source/eventNo} names, when it is the firm's (or any firm's for null). */
    Optional<Negative> event(String itemRef, String uscc) {
        int slash = itemRef == null ? -1 : itemRef.indexOf('/');
        if (slash <= 0 || slash == itemRef.length() - 1) {
            throw ProblemException.invalid("itemRef", "a credit event is named source/eventNo");
        }
        Object[] r = CreditSql.single(em.createNativeQuery("select id, source || '/' || event_no, type, severity, occurred_on,"
                + " repaired_on, coalesce(title, ''), uscc from credit_events where source = ?1 and event_no = ?2")
                .setParameter(1, itemRef.substring(0, slash)).setParameter(2, itemRef.substring(slash + 1)));
        if (r == null || (uscc != null && !uscc.equals(r[7]))) {
            return Optional.empty();
        }
        return Optional.of(new Negative(CreditSql.lng(r[0]), new RecordFact((String) r[1], EventType.valueOf((String) r[2]),
                r[3] == null ? null : Severity.valueOf((String) r[3]), CreditSql.date(r[4]), CreditSql.date(r[5])),
                (String) r[6]));
    }

    /** The grade valid on {@code day}, if any. */
    Grade validGrade(String uscc, LocalDate day) {
        Object[] r = CreditSql.single(em.createNativeQuery("select grade from published_ratings where uscc = ?1"
                + " and valid_from <= ?2 and valid_until >= ?2 and (revoked_on is null or revoked_on > ?2)"
                + " order by valid_from desc limit 1").setParameter(1, uscc).setParameter(2, day));
        return r == null ? null : Grade.valueOf((String) r[0]);
    }

    CreditStanding standing(String uscc, LocalDate day, CreditParams p) {
        Optional<Map.Entry<Integer, CreditList>> list = classification.latestPublishedList(uscc);
        boolean red = list.isPresent() && list.get().getValue() == CreditList.RED;
        List<String> general = negatives(uscc).stream().map(Negative::fact)
                .filter(f -> f.severity() == Severity.GENERAL && CreditRules.countsOn(f, day, p)).map(RecordFact::ref).toList();
        return new CreditStanding(red, validGrade(uscc, day), general);
    }

    NotificationFacts notificationFacts(String uscc, LocalDate day, CreditParams p) {
        List<String> serious = negatives(uscc).stream().map(Negative::fact)
                .filter(f -> f.severity() == Severity.SERIOUS && CreditRules.countsOn(f, day, p)).map(RecordFact::ref).toList();
        Optional<Map.Entry<Integer, CreditList>> list = classification.latestPublishedList(uscc);
        Integer yellow = list.isPresent() && list.get().getValue() == CreditList.YELLOW ? list.get().getKey() : null;
        List<Long> unrepaired = CreditSql.rows(em.createNativeQuery("select c.id from credit_commitments c"
                + " join credit_events e on e.id = c.event_id where c.uscc = ?1 and c.false_statement"
                + " and (e.repaired_on is null or e.repaired_on > ?2) order by c.id").setParameter(1, uscc).setParameter(2, day))
                .stream().map(r -> CreditSql.lng(r[0])).toList();
        return new NotificationFacts(serious, yellow, unrepaired);
    }
}
