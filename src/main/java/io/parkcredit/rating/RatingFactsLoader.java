package io.parkcredit.rating;

import io.parkcredit.rating.RatingFacts.Event;
import io.parkcredit.rating.RatingFacts.LoanFact;
import io.parkcredit.rating.RatingFacts.Statement;
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

    private static final int FETCH = 5_000;
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
        try (Cursor firms = new Cursor(c, "select e.uscc, e.name, e.industry_code, e.registered_on, e.registered_capital,"
                        + " e.patents, e.software_copyrights from enterprises e where " + filter + " order by e.uscc", param);
                Cursor st = new Cursor(c, "select s.uscc, s.year, s.total_assets, s.total_liabilities, s.current_assets,"
                        + " s.current_liabilities, s.inventory, s.accounts_receivable, s.equity, s.revenue, s.cost_of_sales,"
                        + " s.operating_profit, s.net_profit, s.interest_expense, s.operating_cash_flow, s.rd_expense,"
                        + " s.contracts_signed, s.contracts_fulfilled from financial_statements s join enterprises e"
                        + " on e.uscc = s.uscc where " + filter + " and s.year between ? and ? order by s.uscc, s.year",
                        param, fiscalYear - 1, fiscalYear);
                Cursor ev = new Cursor(c, "select v.uscc, v.type, v.severity, v.occurred_on, v.repaired_on, v.grade"
                        + " from credit_events v join enterprises e on e.uscc = v.uscc where " + filter
                        + " and v.occurred_on <= ? and (v.occurred_on > ? or v.type = 'TAX_CREDIT_GRADE') order by v.uscc",
                        param, day, from);
                Cursor lo = new Cursor(c, "select l.uscc, l.start_date, l.due_date, l.settled_on from loans l"
                        + " join enterprises e on e.uscc = l.uscc where " + filter
                        + " and l.start_date <= ? and (l.start_date > ? or l.due_date > ?) order by l.uscc",
                        param, day, from, from)) {
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

    static LocalDate date(ResultSet rs, int col) throws SQLException {
        Date d = rs.getDate(col);
        return d == null ? null : d.toLocalDate();
    }

    /** A forward-only cursor over a query ordered by USCC, read in step with the firm list. */
    private static final class Cursor implements AutoCloseable {
        private final PreparedStatement ps;
        final ResultSet rs;
        private boolean valid;
        private boolean first = true;

        /** The filter parameter (if any) binds first, then {@code more}. */
        Cursor(Connection c, String sql, Object filterParam, Object... more) throws SQLException {
            ps = c.prepareStatement(sql);
            ps.setFetchSize(FETCH);
            int i = 1;
            if (filterParam != null) {
                ps.setObject(i++, filterParam);
            }
            for (Object o : more) {
                ps.setObject(i++, o);
            }
            rs = ps.executeQuery();
            valid = rs.next();
        }

        boolean next() throws SQLException {
            if (!valid) {
                return false;
            }
            if (first) {
                first = false;
                return true;
            }
            valid = rs.next();
            return valid;
        }

        boolean at(String uscc) throws SQLException {
            while (valid && rs.getString(1).compareTo(uscc) < 0) {
                valid = rs.next();
            }
            return valid && rs.getString(1).equals(uscc);
        }

        void advance() throws SQLException {
            valid = rs.next();
        }

        @Override
        public void close() throws SQLException {
            rs.close();
            ps.close();
        }
    }
}
