package io.parkcredit.bundle;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a PostgreSQL {@code COPY … FROM STDIN} in text format, buffering a few
 * hundred kilobytes at a time so memory stays flat whatever the file size.
 */
final class CopyWriter implements AutoCloseable {

    private static final int FLUSH_AT = 256 * 1024;

    private final CopyIn copy;
    private final boolean withLine;
    private final StringBuilder buf = new StringBuilder(FLUSH_AT + 4096);
    private long rows;

    /** @param withLine true when the first column receives the row's line number */
    CopyWriter(CopyIn copy, boolean withLine) {
        this.copy = copy;
        this.withLine = withLine;
    }

    /** Writes a row: the line number when asked for, then the values (null = SQL NULL). */
    void row(long line, String[] values) throws SQLException {
        boolean first = true;
        if (withLine) {
            buf.append(line);
            first = false;
        }
        for (String v : values) {
            if (!first) {
                buf.append('\t');
            }
            first = false;
            if (v == null) {
                buf.append("\\N");
            } else {
                escape(v);
            }
        }
        buf.append('\n');
        rows++;
        if (buf.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void escape(String v) {
        for (int i = 0, n = v.length(); i < n; i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> buf.append("\\\\");
                case '\t' -> buf.append("\\t");
                case '\n' -> buf.append("\\n");
                case '\r' -> buf.append("\\r");
                default -> buf.append(c);
            }
        }
    }

    private void flush() throws SQLException {
        if (buf.length() > 0) {
            byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buf.setLength(0);
        }
    }

    long rows() {
        return rows;
    }

    /** Sends what is buffered and ends the COPY. */
    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
