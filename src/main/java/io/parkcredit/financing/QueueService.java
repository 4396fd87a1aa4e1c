package io.parkcredit.financing;

import io.agroal.api.AgroalDataSource;
import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An institution's queue as a decision table (README, "Workbench"): the page's request ids from one
 * range of a partial index on the route rows (sorted and filtered there), then, for those rows only,
 * the request, the seller's and the debtor's credit snapshot (latest published list, valid grade)
 * by key, and the headroom of the institution's tightest limit. Officers keep named filters.
 */
@ApplicationScoped
public class QueueService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    LimitService limits;

    @Inject
    io.parkcredit.credit.ObjectionMarks objections;

    /** One row of the decision table. */
    public record QueueRow(long id, String sellerUscc, String sellerName, String sellerList, Integer sellerListYear,
            String sellerRating, BigDecimal sellerRatingScore, String industryCode, Integer yearsRegistered,
            String debtorUscc, String debtorName, String debtorList, String debtorRating, BigDecimal amount,
            BigDecimal requestedAmount, int termDays, Grade grade, int score, Instant pickupDeadline, Long minutesLeft,
            Route route, String guarantorCode, String guarantorName, String guaranteeLetterNo,
            BigDecimal guaranteeAmount, BigDecimal guaranteeFeeRate, String headroomLimit, String headroomSubject,
            BigDecimal headroom, boolean withinHeadroom, boolean sellerUnderObjection, boolean debtorUnderObjection) {

        public String gradeLabel() {
            return grade.label();
        }

        /** Whole hours left to the pickup deadline. */
        public long hoursLeft() {
            return minutesLeft == null ? 0 : minutesLeft / 60;
        }

        public long minutesPastHour() {
            return minutesLeft == null ? 0 : minutesLeft % 60;
        }
    }

    public record SavedFilter(long id, String name, String query, Instant createdAt) {
    }

    public record FilterInput(String name, String query) {
    }

    /** The snapshot columns of one queued request {@code r} (parameters: today four times). */
    static final String SNAPSHOT = """
            select r.id, r.seller_uscc, se.name, sl.list, sl.year, sg.grade, sg.score, se.industry_code, se.registered_on,
                   r.debtor_uscc, coalesce(de.name, r.debtor_name), dl.list, dg.grade, r.amount, r.requested_amount,
                   r.term_days, r.grade, r.score, r.pickup_deadline, r.route, r.guarantor_code, gi.name,
                   r.guarantee_letter_no, r.guarantee_amount, r.guarantee_fee_rate
            from (%s) q
            join financing_requests r on r.id = q.request_id
            left join enterprises se on se.uscc = r.seller_uscc
            left join enterprises de on de.uscc = r.debtor_uscc
            left join institutions gi on gi.code = r.guarantor_code
            left join lateral (select c.list, ru.year from classification_results c
                               join classification_runs ru on ru.id = c.run_id and ru.status = 'PUBLISHED'
                               where c.uscc = r.seller_uscc order by ru.year desc limit 1) sl on true
            left join lateral (select c.list from classification_results c
                               join classification_runs ru on ru.id = c.run_id and ru.status = 'PUBLISHED'
                               where c.uscc = r.debtor_uscc order by ru.year desc limit 1) dl on true
            left join lateral (select p.grade, p.score from published_ratings p
                               where p.uscc = r.seller_uscc and p.valid_from <= ? and p.valid_until >= ?
                                 and (p.revoked_on is null or p.revoked_on > ?)
                               order by p.valid_from desc limit 1) sg on true
            left join lateral (select p.grade from published_ratings p
                               where p.uscc = r.debtor_uscc and p.valid_from <= ? and p.valid_until >= ?
                                 and (p.revoked_on is null or p.revoked_on > ?)
                               order by p.valid_from desc limit 1) dg on true
            order by q.n""";

    /** The page's ids: one range of the route rows' index for the sort (institution, filters, limit, offset). */
    static String idsSql(QueueFilter f, String where) {
        return "select x.request_id, row_number() over () n from (select rt.request_id from financing_queue rt"
                + " where rt.institution_code = ?" + where + " order by " + f.order()
                + " limit ? offset ?) x";
    }

    public PageResult<QueueRow> queue(QueueFilter filter, PageRequest page) {
        currentUser.require(Action.FINANCING_QUEUE);
        String inst = currentUser.institutionCode();
        if (inst == null) {
            throw ProblemException.forbidden("the queue is a bank's or a guarantor's");
        }
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        List<Object> params = new ArrayList<>();
        String where = filter.where(params, today, now);
        List<QueueRow> rows = new ArrayList<>(page.size());
        long total;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(SNAPSHOT.formatted(idsSql(filter, where)))) {
                int i = 1;
                ps.setString(i++, inst);
                for (Object p : params) {
                    i = bind(ps, i, p, c);
                }
                ps.setInt(i++, page.size());
                ps.setInt(i++, page.offset());
                for (int k = 0; k < 2; k++) {
                    ps.setObject(i++, today);
                    ps.setObject(i++, today);
                    ps.setObject(i++, today);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs, today, now));
                    }
                }
            }
            if (rows.size() < page.size() && (!rows.isEmpty() || page.offset() == 0)) {
                total = (long) page.offset() + rows.size();
            } else {
                try (PreparedStatement ps = c.prepareStatement("select count(*) from financing_queue rt"
                        + " where rt.institution_code = ?" + where)) {
                    int i = 1;
                    ps.setString(i++, inst);
                    for (Object p : params) {
                        i = bind(ps, i, p, c);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the queue of " + inst, e);
        }
        Map<Long, LimitService.Headroom> room = limits.headrooms(inst, rows.stream().map(QueueRow::id).toList());
        // the sellers' and debtors' list and grade shown here carry "under objection" as everywhere else (§8.2)
        io.parkcredit.credit.ObjectionMarks.Marks marks = objections.forFirms(rows.stream()
                .flatMap(r -> java.util.stream.Stream.of(r.sellerUscc(), r.debtorUscc())).filter(u -> u != null).toList());
        List<QueueRow> items = rows.stream().map(r -> {
            LimitService.Headroom h = room.get(r.id());
            return new QueueRow(r.id(), r.sellerUscc(), r.sellerName(), r.sellerList(), r.sellerListYear(),
                    r.sellerRating(), r.sellerRatingScore(), r.industryCode(), r.yearsRegistered(), r.debtorUscc(),
                    r.debtorName(), r.debtorList(), r.debtorRating(), r.amount(), r.requestedAmount(), r.termDays(),
                    r.grade(), r.score(), r.pickupDeadline(), r.minutesLeft(), r.route(), r.guarantorCode(),
                    r.guarantorName(), r.guaranteeLetterNo(), r.guaranteeAmount(), r.guaranteeFeeRate(),
                    h == null ? null : h.kind().name(), h == null ? null : h.subject(), h == null ? null : h.headroom(),
                    h == null || h.headroom().compareTo(r.requestedAmount()) >= 0, marks.any(r.sellerUscc()),
                    r.debtorUscc() != null && marks.any(r.debtorUscc()));
        }).toList();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    private static int bind(PreparedStatement ps, int i, Object p, Connection c) throws SQLException {
        if (p instanceof Short[] a) {
            ps.setArray(i, c.createArrayOf("smallint", a));
        } else if (p instanceof String[] a) {
            ps.setArray(i, c.createArrayOf("varchar", a));
        } else {
            ps.setObject(i, p);
        }
        return i + 1;
    }

    private static QueueRow row(ResultSet rs, LocalDate today, Instant now) throws SQLException {
        LocalDate registered = rs.getObject(9, LocalDate.class);
        Timestamp pickup = rs.getTimestamp(19);
        Instant deadline = pickup == null ? null : pickup.toInstant();
        return new QueueRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, Integer.class), rs.getString(6), rs.getBigDecimal(7), rs.getString(8),
                registered == null ? null : Period.between(registered, today).getYears(), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getBigDecimal(14), rs.getBigDecimal(15),
                rs.getInt(16), Grade.valueOf(rs.getString(17)), rs.getInt(18), deadline,
                deadline == null ? null : Math.max(0, Duration.between(now, deadline).toMinutes()),
                Route.valueOf(rs.getString(20)), rs.getString(21), rs.getString(22), rs.getString(23),
                rs.getBigDecimal(24), rs.getBigDecimal(25), null, null, null, true, false, false);
    }

    /** The caller's saved queue filters, by name. */
    @Transactional
    public List<SavedFilter> filters() {
        currentUser.require(Action.FINANCING_QUEUE);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select id, name, query, created_at from financing_saved_filters where username = ?1 order by name")
                .setParameter(1, currentUser.name()).getResultList();
        return rows.stream().map(r -> new SavedFilter(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                LimitService.instant(r[3]))).toList();
    }

    /** Saves (or replaces, by name) a filter of the caller; the query must be a valid queue filter. */
    @Transactional
    public SavedFilter save(FilterInput in) {
        currentUser.require(Action.FINANCING_QUEUE);
        if (currentUser.institutionCode() == null) {
            throw ProblemException.forbidden("the queue is a bank's or a guarantor's");
        }
        if (in == null) {
            throw ProblemException.invalid("body", "name and query are required");
        }
        List<FieldProblem> errors = new ArrayList<>();
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(FieldProblem.of("name", "required, at most 100 characters"));
        }
        String query = in.query() == null ? "" : in.query().strip();
        if (query.startsWith("?")) {
            query = query.substring(1);
        }
        if (query.length() > 1000) {
            errors.add(FieldProblem.of("query", "at most 1000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid filter", errors);
        }
        // stored in its normal form: only the filter's own parameters, checked
        String normal = QueueFilter.parse(query).query();
        Object[] r = (Object[]) em.createNativeQuery("""
                insert into financing_saved_filters (username, name, query, created_at) values (?1, ?2, ?3, ?4)
                on conflict (username, name) do update set query = excluded.query, created_at = excluded.created_at
                returning id, name, query, created_at""").setParameter(1, currentUser.name()).setParameter(2, name)
                .setParameter(3, normal).setParameter(4, Timestamp.from(clock.instant())).getSingleResult();
        return new SavedFilter(((Number) r[0]).longValue(), (String) r[1], (String) r[2], LimitService.instant(r[3]));
    }

    @Transactional
    public void delete(long id) {
        currentUser.require(Action.FINANCING_QUEUE);
        int n = em.createNativeQuery("delete from financing_saved_filters where id = ?1 and username = ?2")
                .setParameter(1, id).setParameter(2, currentUser.name()).executeUpdate();
        if (n == 0) {
            throw ProblemException.notFound("saved filter", String.valueOf(id));
        }
    }
}
