package io.parkcredit.shared.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A forward-only cursor over a query ordered by USCC, read in step with a firm list: whole-park
 * runs (classification, the rating review) open one per table and merge them by USCC in one pass
 * instead of querying per firm. Column 1 of every query is the USCC.
 */
public final class UsccCursor implements AutoCloseable {

    /** Rows fetched per round trip: a whole-park query streams, it is never held in memory. */
    public static final int FETCH = 5_000;

    private final PreparedStatement ps;
    /** The current row. */
    public final ResultSet rs;
    private boolean valid;
    private boolean first = true;

    /** Runs {@code sql} with {@code params} bound in order; a null parameter array binds nothing. */
    public UsccCursor(Connection c, String sql, Object... params) throws SQLException {
        ps = c.prepareStatement(sql);
        ps.setFetchSize(FETCH);
        if (params != null) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
        }
        rs = ps.executeQuery();
        valid = rs.next();
    }

    /** For the firm list itself: moves to the next firm. */
    public boolean next() throws SQLException {
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

    /**
     * Whether the current row belongs to {@code uscc}; rows of firms not in the firm list (flows of
     * prospects, say) are skipped on the way.
     */
    public boolean at(String uscc) throws SQLException {
        while (valid && rs.getString(1).compareTo(uscc) < 0) {
            valid = rs.next();
        }
        return valid && rs.getString(1).equals(uscc);
    }

    /** Moves past the current row (after reading it with {@link #at}). */
    public void advance() throws SQLException {
        valid = rs.next();
    }

    @Override
    public void close() throws SQLException {
        rs.close();
        ps.close();
    }
}
