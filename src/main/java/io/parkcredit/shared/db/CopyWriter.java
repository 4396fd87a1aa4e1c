package io.parkcredit.shared.db;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a PostgreSQL {@code COPY … FROM STDIN} in text format, encoding straight into
 * a byte buffer of a few hundred kilobytes, so memory stays flat whatever the file size.
 */
public final class CopyWriter implements AutoCloseable {

    private static final int FLUSH_AT = 256 * 1024;

    private final CopyIn copy;
    private final boolean withLine;
    private byte[] buf = new byte[FLUSH_AT + 64 * 1024];
    private int pos;

    /** @param withLine true when the first column receives the row's line number */
    public CopyWriter(CopyIn copy, boolean withLine) {
        this.copy = copy;
        this.withLine = withLine;
    }

    /** Writes a row: the line number when asked for, then the values (null = SQL NULL). */
    public void row(long line, String[] values) throws SQLException {
        boolean first = true;
        if (withLine) {
            ascii(Long.toString(line));
            first = false;
        }
        for (String v : values) {
            if (!first) {
                put((byte) '\t');
            }
            first = false;
            if (v == null) {
                put((byte) '\\');
                put((byte) 'N');
            } else {
                value(v);
            }
        }
        put((byte) '\n');
        if (pos >= FLUSH_AT) {
            flush();
        }
    }

    private void value(String v) {
        int n = v.length();
        for (int i = 0; i < n; i++) {
            if (v.charAt(i) >= 0x80) {
                // UTF-8 multi-byte sequences never contain the ASCII bytes that need escaping
                byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
                for (byte b : bytes) {
                    escaped(b);
                }
                return;
            }
        }
        for (int i = 0; i < n; i++) {
            escaped((byte) v.charAt(i));
        }
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
    }

    private void escaped(byte b) {
        switch (b) {
            case '\\' -> {
                put((byte) '\\');
                put((byte) '\\');
            }
            case '\t' -> {
                put((byte) '\\');
                put((byte) 't');
            }
            case '\n' -> {
                put((byte) '\\');
                put((byte) 'n');
            }
            case '\r' -> {
                put((byte) '\\');
                put((byte) 'r');
            }
            default -> put(b);
        }
    }

    private void put(byte b) {
        if (pos == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2); // one very long cell
        }
        buf[pos++] = b;
    }

    private void flush() throws SQLException {
        if (pos > 0) {
            copy.writeToCopy(buf, 0, pos);
            pos = 0;
        }
    }

    /** Sends what is buffered and ends the COPY. */
    public long finish() throws SQLException {
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
