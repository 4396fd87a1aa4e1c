package io.parkcredit.shared;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one writer of CSV files that people open in a spreadsheet (exports of lists, shortlists):
 * UTF-8 with a byte-order mark so Excel reads the Chinese text, CRLF lines, RFC 4180 quoting, and
 * every cell neutralised against formula injection (OWASP "CSV injection"): a cell starting with
 * {@code = + - @}, a tab or a carriage return is prefixed with a single quote, so a firm named
 * {@code =HYPERLINK("http://evil","点击")} is shown as text and never evaluated. The data bundle is not
 * written here: it is an exchange format read back by the importer, not opened by hand.
 */
public final class CsvCells implements Closeable {

    private final CsvWriter writer;

    private CsvCells(CsvWriter writer) {
        this.writer = writer;
    }

    /** Starts a file on {@code out} (the byte-order mark is written at once). */
    public static CsvCells to(OutputStream out) {
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CsvCells(CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).bufferSize(64 * 1024)
                .build(out, StandardCharsets.UTF_8));
    }

    /** Writes one row; null cells are empty. */
    public CsvCells row(List<String> cells) {
        String[] safe = new String[cells.size()];
        for (int i = 0; i < safe.length; i++) {
            safe[i] = neutralise(cells.get(i));
        }
        writer.writeRecord(safe);
        return this;
    }

    public CsvCells row(String... cells) {
        return row(java.util.Arrays.asList(cells));
    }

    /** A cell as a spreadsheet may show it without evaluating it. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
