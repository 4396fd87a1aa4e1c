package io.parkcredit.rating;

import io.parkcredit.rating.RatingFacts.Event;
import io.parkcredit.rating.RatingFacts.LoanFact;
import io.parkcredit.rating.RatingFacts.Statement;
import io.parkcredit.shared.db.UsccCursor;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the rating facts of a set of firms with four set-based queries (firms, statements, events,
 * loans), each ordered by USCC and merged in one pass: the whole park for the yearly review, one
 * industry group for a single rating's peers. Never one query per firm.
 */
final class RatingFactsLoader {

    static final String PARK = "e.in_park and e.status <> 'DEREGISTERED'";

    private RatingFactsLoader() {
    }

    /**
     * @param filter SQL condition on the enterprise alias {@code e}, with at most one {@code ?}
     * @param param  the value of that {@code ?}, or null when it has none
     */
    static long load(Connection c, LocalDate d, int fiscalYear, String filter, Object param, Consumer<RatingFacts> sink)
            throws SQLException {
        Date day = Date.valueOf(d);
        Date from = Date.valueOf(d.minusMonths(Metrics.WINDOW_MONTHS));
        try (UsccCursor firms = new UsccCursor(c, "select e.uscc, e.name, e.industry_code, e.registered_on, e.registered_capital,"
                        + " e.patents, e.software_copyrights from enterprises e where " + filter + " order by e.uscc", params(param));
                UsccCursor st = new UsccCursor(c, "select s.uscc, s.year, s.total_assets, s.total_liabilities, s.current_assets,"
                        + " s.current_liabilities, s.inventory, s.accounts_receivable, s.equity, s.revenue, s.cost_of_sales,"
                        + " s.operating_profit, s.net_profit, s.interest_expense, s.operating_cash_flow, s.rd_expense,"
                        + " s.contracts_signed, s.contracts_fulfilled from financial_statements s join enterprises e"
                        + " on e.uscc = s.uscc where " + filter + " and s.year between ? and ? order by s.uscc, s.year",
                        params(param, fiscalYear - 1, fiscalYear));
                UsccCursor ev = new UsccCursor(c, "select v.uscc, v.type, v.severity, v.occurred_on, v.repaired_on, v.grade"
                        + " from credit_events v join enterprises e on e.uscc = v.uscc where " + filter
                        + " and v.occurred_on <= ? and (v.occurred_on > ? or v.type = 'TAX_CREDIT_GRADE') order by v.uscc",
                        params(param, day, from));
                UsccCursor lo = new UsccCursor(c, "select l.uscc, l.start_date, l.due_date, l.settled_on from loans l"
                        + " join enterprises e on e.uscc = l.uscc where " + filter
                        + " and l.start_date <= ? and (l.start_date > ? or l.due_date > ?) order by l.uscc",
                        params(param, day, from, from))) {
            long n = 0;
            while (firms.next()) {
                ResultSet f = firms.rs;
                String uscc = f.getString(1);
                Statement cur = null;
                Statement prev = null;
                while (st.at(uscc)) {
                    Statement s = statement(st.rs);
                    if (s.year() == fiscalYear) {
                        cur = s;
                    } else {
                        prev = s;
                    }
                    st.advance();
                }
                List<Event> events = new ArrayList<>();
                while (ev.at(uscc)) {
                    ResultSet r = ev.rs;
                    events.add(new Event(r.getString(2), r.getString(3), date(r, 4), date(r, 5), r.getString(6)));
                    ev.advance();
                }
                List<LoanFact> loans = new ArrayList<>();
                while (lo.at(uscc)) {
                    loans.add(new LoanFact(date(lo.rs, 2), date(lo.rs, 3), date(lo.rs, 4)));
                    lo.advance();
                }
                sink.accept(new RatingFacts(uscc, f.getString(2), f.getString(3), date(f, 4), f.getBigDecimal(5),
                        f.getInt(6), f.getInt(7), cur, prev, events, loans));
                n++;
            }
            return n;
        }
    }

    private static Statement statement(ResultSet r) throws SQLException {
        return new Statement(r.getInt(2), r.getBigDecimal(3), r.getBigDecimal(4), r.getBigDecimal(5), r.getBigDecimal(6),
                r.getBigDecimal(7), r.getBigDecimal(8), r.getBigDecimal(9), r.getBigDecimal(10), r.getBigDecimal(11),
                r.getBigDecimal(12), r.getBigDecimal(13), r.getBigDecimal(14), r.getBigDecimal(15), r.getBigDecimal(16),
                r.getBigDecimal(17), r.getBigDecimal(18));
    }

    /** The filter's parameter (when it has one) binds first, then {@code more}. */
    private static Object[] params(Object filterParam, Object... more) {
        if (filterParam == null) {
            return more;
        }
        Object[] all = new Object[more.length + 1];
        all[0] = filterParam;
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    static LocalDate date(ResultSet rs, int col) throws SQLException {
        Date d = rs.getDate(col);
        return d == null ? null : d.toLocalDate();
    }
}
