package io.parkcredit.financing;

import io.agroal.api.AgroalDataSource;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The financing market's real-time statements in plain SQL (BENCHMARKS.md, "Financing market"): a
 * queue or list page is one statement (rows and total together), a claim and an offer are each one
 * statement that changes the request, writes its step and its audit line and returns the new state.
 * A claim or an offer holds the request's row lock only for that one statement and the commit, so
 * concurrent claims of one request queue behind it for microseconds and then see it taken.
 *
 * <p>Statements run on the connection of the caller's transaction when there is one (Agroal enlists
 * it), so they commit or roll back with the rest of the service method.
 */
@ApplicationScoped
public class FinancingRows {

    /** The request columns a {@link RequestView} needs, for a query whose request alias is {@code r}. */
    static final String COLUMNS = """
            r.id, r.seller_uscc, r.debtor_uscc, r.debtor_name, r.invoice_no, r.invoice_date, r.amount, r.due_date,
            r.contract_no, r.requested_amount, r.term_days, r.status, r.grade, r.score, r.factors, r.route, r.reason,
            r.debtor_confirmed_at, r.graded_on, r.seller_list, r.posted_at, r.pickup_deadline, r.claimed_by,
            r.claim_deadline, r.guarantor_code, r.guarantee_letter_no, r.guarantee_amount, r.accepted_offer_id,
            r.disbursed_amount, r.disbursed_on, r.repayment_due, r.repaid_on, r.override_reason, r.version""";

    /** The institutions a request was sent to, as a column {@code routed}. */
    static final String ROUTED = """
            (select array_agg(distinct rt2.institution_code order by rt2.institution_code)
             from financing_routes rt2 where rt2.request_id = r.id)""";

    /** The claim statement (see {@link #claim}); parameters by {@link #bindClaim}. */
    public static final String CLAIM_SQL = """
                with claimed as (
                    update financing_requests r
                       set status = 'CLAIMED', claimed_by = ?, claimed_at = ?, claim_deadline = ?,
                           first_claimed_at = coalesce(r.first_claimed_at, ?), held_amount = r.requested_amount,
                           version = r.version + 1
                     where r.id = ? and r.status = 'ROUTED'
                       and exists (select 1 from financing_routes rt
                                   where rt.institution_code = ? and rt.leg = r.route and rt.request_id = r.id)
                       and financing_within_limits(?, r.id, r.requested_amount)
                    returning r.*),
                step as (
                    insert into financing_steps (request_id, step, institution_code, actor, at, detail)
                    select id, 'CLAIMED', ?, ?, ?, null from claimed),
                audit as (
                    insert into audit_log (at, actor, action, target_type, target_key, detail, reason)
                    select ?, ?, 'FINANCING_CLAIMED', 'financing_request', id::text, ?, null from claimed)
                select %s from claimed r""".formatted(COLUMNS);

    public static void bindClaim(PreparedStatement ps, long id, String institution, String actor, Instant now,
            Instant claimDeadline) throws SQLException {
        Timestamp at = Timestamp.from(now);
        ps.setString(1, institution);
        ps.setTimestamp(2, at);
        ps.setTimestamp(3, Timestamp.from(claimDeadline));
        ps.setTimestamp(4, at);
        ps.setLong(5, id);
        ps.setString(6, institution);
        ps.setString(7, institution);
        ps.setString(8, institution);
        ps.setString(9, actor);
        ps.setTimestamp(10, at);
        ps.setTimestamp(11, at);
        ps.setString(12, actor);
        ps.setString(13, institution);
    }

    /**
     * What the claimant holds on a request after an offer (parameters: the offer's amount twice): the
     * first offer's amount, then the highest of its offers.
     */
    static final String OFFER_HELD = "(case when r.status = 'CLAIMED' then cast(? as numeric)"
            + " else greatest(coalesce(r.held_amount, r.requested_amount), cast(? as numeric)) end)";

    /** The offer statement (see {@link #offer}); parameters by {@link #bindOffer}. */
    public static final String OFFER_SQL = """
                with req as (
                    update financing_requests r
                       set status = 'OFFERED', offered_at = coalesce(r.offered_at, ?),
                           held_amount = %1$s, version = r.version + 1
                     where r.id = ? and r.status in ('CLAIMED', 'OFFERED') and r.claimed_by = ? and r.route = 'BANKS'
                       and r.amount >= ?
                       and financing_within_limits(?, r.id, %1$s - coalesce(r.held_amount, r.requested_amount))
                    returning r.id),
                o as (
                    insert into financing_offers (request_id, institution_code, amount, rate, term_days, expires_on, note,
                        status, created_by, created_at)
                    select id, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ? from req
                    returning *),
                step as (
                    insert into financing_steps (request_id, step, institution_code, actor, at, detail)
                    select request_id, 'OFFERED', ?, ?, ?, ? from o),
                audit as (
                    insert into audit_log (at, actor, action, target_type, target_key, detail, reason)
                    select ?, ?, 'FINANCING_OFFERED', 'financing_request', request_id::text, ?, null from o)
                select id, request_id, institution_code, amount, rate, term_days, expires_on, note, status, created_at
                from o""".formatted(OFFER_HELD);

    public static void bindOffer(PreparedStatement ps, long id, String institution, String actor, Instant now,
            BigDecimal amount, BigDecimal rate, int termDays, LocalDate expiresOn, String note) throws SQLException {
        Timestamp at = Timestamp.from(now);
        int i = 1;
        ps.setTimestamp(i++, at);
        ps.setBigDecimal(i++, amount);
        ps.setBigDecimal(i++, amount);
        ps.setLong(i++, id);
        ps.setString(i++, institution);
        ps.setBigDecimal(i++, amount);
        ps.setString(i++, institution);
        ps.setBigDecimal(i++, amount);
        ps.setBigDecimal(i++, amount);
        ps.setString(i++, institution);
        ps.setBigDecimal(i++, amount);
        ps.setBigDecimal(i++, rate);
        ps.setInt(i++, termDays);
        ps.setObject(i++, expiresOn);
        ps.setString(i++, note);
        ps.setString(i++, actor);
        ps.setTimestamp(i++, at);
        ps.setString(i++, institution);
        ps.setString(i++, actor);
        ps.setTimestamp(i++, at);
        ps.setString(i++, amount + " @ " + rate + "% " + termDays + "d");
        ps.setTimestamp(i++, at);
        ps.setString(i++, actor);
        ps.setString(i, institution + " offer " + amount + " @ " + rate + "% for " + termDays + " days");
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FinancingAccess access;

    @Inject
    FinancingConfig config;

    /** Queue totals recently counted, per institution: the total and when it was counted (nanoTime). */
    private final java.util.concurrent.ConcurrentHashMap<String, long[]> queueTotals = new java.util.concurrent.ConcurrentHashMap<>();

    /** One page of an institution's queue; the total is recounted at most every {@code queue-total-reuse}. */
    PageResult<RequestView> queue(String institution, PageRequest page) {
        try (Connection c = dataSource.getConnection()) {
            List<RequestView> items = new ArrayList<>(page.size());
            try (PreparedStatement ps = c.prepareStatement(queueSql(page.size(), page.offset()))) {
                ps.setString(1, institution);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(view(rs, null));
                    }
                }
            }
            long now = System.nanoTime();
            long[] known = queueTotals.get(institution);
            long total;
            if (known != null && now - known[1] < config.queueTotalReuse().toNanos()) {
                total = known[0];
            } else {
                try (PreparedStatement ps = c.prepareStatement(QUEUE_COUNT_SQL)) {
                    ps.setString(1, institution);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
                if (queueTotals.size() > 10_000) {
                    queueTotals.clear();
                }
                queueTotals.put(institution, new long[] {total, now});
            }
            // a page that shows more rows than the reused total admits, or a last page, counts as it is (a page past
            // the end shows nothing, so it says nothing about the total)
            if (!items.isEmpty()) {
                total = Math.max(total, (long) page.offset() + items.size());
            }
            if (items.size() < page.size() && (!items.isEmpty() || page.offset() == 0)) {
                total = (long) page.offset() + items.size();
            }
            return new PageResult<>(items, page.page(), page.size(), total);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the queue of " + institution, e);
        }
    }

    public static final String NO_ROUTES = "null::text[]";

    /** Position of the {@code routed} column after {@link #COLUMNS}, and of {@code total} after it. */
    static final int ROUTED_COLUMN = 35;
    static final int TOTAL_COLUMN = 36;

    /**
     * An institution's queue page (status ROUTED): the page's request ids from one range of the
     * queue's key ({@code financing_queue}, V060), then those requests by primary key (parameter:
     * institution). Paging the ids first keeps the planner from walking the requests table backwards.
     *
     * <p>The limit and offset are written into the statement as numbers (validated ints, {@link PageRequest}),
     * not bound: with them as parameters PostgreSQL's plan cache never took the generic plan (a generic LIMIT
     * is costed as a tenth of the queue) and planned every read anew, 0.29 ms of the database's CPU per read,
     * more than running it (BENCHMARKS.md, "Financing market", sixth measurement). As numbers, each page
     * shape is planned a few times per connection and then runs from the cached plan.
     */
    public static String queueSql(int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit " + limit + ", offset " + offset);
        }
        return """
                select %s, null::text[] as routed
                from (select rt.request_id from financing_queue rt where rt.institution_code = ?
                      order by rt.request_id desc limit %d offset %d) q
                join financing_requests r on r.id = q.request_id
                order by r.id desc""".formatted(COLUMNS, limit, offset);
    }

    /** The length of an institution's queue, counted on the same partial index (parameter: institution). */
    public static final String QUEUE_COUNT_SQL = "select count(*) from financing_queue rt where rt.institution_code = ?";

    /** A page statement: the rows with the total as a column (parameters: routed, count, rows, limit, offset). */
    private static String pageSql(String from, String where, String countFrom, String order, String routedColumn) {
        return "select " + COLUMNS + ", " + routedColumn + " as routed, (select count(*) from " + countFrom
                + " where " + where + ") as total from " + from + " where " + where + " order by " + order
                + " limit ? offset ?";
    }

    /**
     * One page of requests and the total, in one statement. {@code from} and {@code where} come from
     * the service (never from input); {@code routedParams} are bound first (the routed column), then
     * {@code params} in order, for the count and again for the rows.
     */
    PageResult<RequestView> page(String from, String where, String countFrom, String order, String routedColumn,
            List<Object> routedParams, List<Object> params, PageRequest page) {
        String sql = pageSql(from, where, countFrom, order, routedColumn);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object p : routedParams) {
                ps.setObject(i++, p);
            }
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            ps.setInt(i++, page.size());
            ps.setInt(i, page.offset());
            List<RequestView> items = new ArrayList<>(page.size());
            long total = -1;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(view(rs, routed(rs)));
                    total = rs.getLong(TOTAL_COLUMN);
                }
            }
            if (total < 0) {
                total = count(c, countFrom, where, params);
            }
            return new PageResult<>(items, page.page(), page.size(), total);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read financing requests", e);
        }
    }

    private static long count(Connection c, String countFrom, String where, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from " + countFrom + " where " + where)) {
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Claims a ROUTED request for an institution routed on its current leg: the request, its queue
     * flags (trigger), a CLAIMED step and the audit line in one statement. Empty when the request is
     * not claimable by it (missing, not routed to it, taken, on another leg): the caller says why.
     */
    Optional<RequestView> claim(long id, String institution, String actor, Instant now, Instant claimDeadline) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM_SQL)) {
            bindClaim(ps, id, institution, actor, now, claimDeadline);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(view(rs, null)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim financing request " + id, e);
        }
    }

    /**
     * Records an offer of the claimant bank on a CLAIMED or OFFERED request with banks, not above the
     * receivable: the request's state, the offer, an OFFERED step and the audit line in one statement.
     * Empty when the request does not take this offer from this bank: the caller says why.
     */
    Optional<DealService.OfferView> offer(long id, String institution, String actor, Instant now,
            DealService.OfferInput in, String note) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OFFER_SQL)) {
            bindOffer(ps, id, institution, actor, now, in.amount(), in.rate(), in.termDays(), in.expiresOn(), note);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DealService.OfferView(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getInt(6), rs.getObject(7, LocalDate.class),
                        rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the offer on financing request " + id, e);
        }
    }

    /**
     * Why a claim or an offer statement changed nothing, read after the fact in one query: the
     * request's state as a detached {@link FinancingRequest} (its state checks name the conflict),
     * whether it was routed to the institution at all, and on its current leg. Empty when missing.
     */
    record Refusal(FinancingRequest request, boolean routedTo, boolean onLeg, BigDecimal requestedAmount,
            BigDecimal heldAmount) {
    }

    Optional<Refusal> refusal(long id, String institution) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select r.status, r.route, r.claimed_by, r.amount, r.requested_amount,
                       coalesce(r.held_amount, r.requested_amount),
                       exists (select 1 from financing_routes rt where rt.request_id = r.id and rt.institution_code = ?),
                       exists (select 1 from financing_routes rt where rt.request_id = r.id and rt.institution_code = ?
                               and rt.leg = r.route)
                from financing_requests r where r.id = ?""")) {
            ps.setString(1, institution);
            ps.setString(2, institution);
            ps.setLong(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                FinancingRequest r = new FinancingRequest();
                r.id = id;
                r.status = RequestStatus.valueOf(rs.getString(1));
                r.route = Route.valueOf(rs.getString(2));
                r.claimedBy = rs.getString(3);
                r.amount = rs.getBigDecimal(4);
                return Optional.of(new Refusal(r, rs.getBoolean(7), rs.getBoolean(8), rs.getBigDecimal(5),
                        rs.getBigDecimal(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read financing request " + id, e);
        }
    }

    private static List<String> routed(ResultSet rs) throws SQLException {
        Array a = rs.getArray(ROUTED_COLUMN);
        return a == null ? null : Arrays.asList((String[]) a.getArray());
    }

    /** The request of a row whose first columns are {@link #COLUMNS}, read by position (no name lookups). */
    private RequestView view(ResultSet rs, List<String> routed) throws SQLException {
        return new RequestView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                date(rs, 6), rs.getBigDecimal(7), date(rs, 8), rs.getString(9), rs.getBigDecimal(10), rs.getInt(11),
                RequestStatus.valueOf(rs.getString(12)), Grade.valueOf(rs.getString(13)), rs.getInt(14),
                access.factors(rs.getString(15)), Route.valueOf(rs.getString(16)), rs.getString(17),
                rs.getTimestamp(18) != null, date(rs, 19), rs.getString(20), instant(rs, 21), instant(rs, 22),
                rs.getString(23), instant(rs, 24), rs.getString(25), rs.getString(26), rs.getBigDecimal(27),
                rs.getObject(28, Long.class), rs.getBigDecimal(29), date(rs, 30), date(rs, 31), date(rs, 32),
                rs.getString(33), routed, rs.getLong(34));
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
