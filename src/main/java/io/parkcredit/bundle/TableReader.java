package io.parkcredit.bundle;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Numbers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/** Streams the rows of one bundle table, from a CSV file or a spreadsheet sheet. */
interface TableReader extends AutoCloseable {

    /** Day serial of 9999-12-31, the last date a spreadsheet shows. */
    BigDecimal MAX_DATE_SERIAL = BigDecimal.valueOf(2958465);

    /** The header row, or an empty list for an empty file. */
    List<String> header();

    /** Moves to the next data row; false at the end. */
    boolean next();

    /** Line (CSV) or row number (sheet) of the current row, 1 being the header. */
    long line();

    /** Number of cells in the current row. */
    int width();

    RowChecker.CellSource cells();

    @Override
    void close();

    /** UTF-8 CSV with a header row; a byte-order mark is tolerated. */
    static TableReader csv(InputStream in) {
        CsvReader<CsvRecord> reader = CsvReader.builder()
                .detectBomHeader(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .skipEmptyLines(true)
                .ofCsvRecord(in, StandardCharsets.UTF_8);
        Iterator<CsvRecord> it = reader.iterator();
        return new TableReader() {
            private final List<String> header = it.hasNext() ? it.next().getFields() : List.of();
            private CsvRecord current;

            @Override
            public List<String> header() {
                return header;
            }

            @Override
            public boolean next() {
                try {
                    if (!it.hasNext()) {
                        return false;
                    }
                    current = it.next();
                    return true;
                } catch (CsvParseException e) {
                    throw new MalformedFileException(e.getMessage());
                }
            }

            @Override
            public long line() {
                return current.getStartingLineNumber();
            }

            @Override
            public int width() {
                return current.getFieldCount();
            }

            @Override
            public RowChecker.CellSource cells() {
                return (position, kind) -> position < current.getFieldCount() ? current.getField(position) : null;
            }

            @Override
            public void close() {
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** One sheet of an .xlsx workbook: typed cells (numbers, dates, booleans) are read as their text form. */
    static TableReader sheet(Sheet sheet) {
        Stream<Row> rows;
        try {
            rows = sheet.openStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<Row> it = rows.filter(r -> r.stream().anyMatch(c -> c != null && !c.getText().isBlank())).iterator();
        return new TableReader() {
            private final List<String> header = it.hasNext()
                    ? it.next().stream().map(c -> c == null ? "" : c.getText()).toList() : List.of();
            private Row current;

            @Override
            public List<String> header() {
                return header;
            }

            @Override
            public boolean next() {
                if (!it.hasNext()) {
                    return false;
                }
                current = it.next();
                return true;
            }

            @Override
            public long line() {
                return current.getRowNum();
            }

            @Override
            public int width() {
                return current.getCellCount();
            }

            @Override
            public RowChecker.CellSource cells() {
                return (position, kind) -> {
                    Cell cell = position < current.getCellCount() ? current.getCell(position) : null;
                    return cell == null ? null : cellText(cell, kind);
                };
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    /**
     * Spreadsheet dates are day serials from 1899-12-30; numbers may come in exponent form. A number
     * cell is bounded by {@link Numbers} before it is expanded to plain digits: a cell holding
     * {@code 1E999999999} is refused with its row and column, never written out as a gigabyte.
     */
    private static String cellText(Cell cell, ColumnKind kind) {
        if (cell.getType() == CellType.NUMBER) {
            String raw = cell.getRawValue();
            BigDecimal n;
            try {
                if (raw.length() > Numbers.MAX_TEXT) {
                    throw new InvalidValueException("not a number: " + Numbers.shorten(raw));
                }
                n = Numbers.bounded(new BigDecimal(raw.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidValueException("not a number: " + Numbers.shorten(raw));
            }
            if (kind == ColumnKind.DATE) {
                if (n.signum() <= 0 || n.compareTo(MAX_DATE_SERIAL) > 0) {
                    throw new InvalidValueException("not a spreadsheet date: " + raw);
                }
                return LocalDate.of(1899, 12, 30).plusDays(n.longValue()).toString();
            }
            return n.stripTrailingZeros().toPlainString();
        }
        if (cell.getType() == CellType.BOOLEAN) {
            return String.valueOf(cell.asBoolean());
        }
        return cell.getText();
    }

    /** The file is not readable as CSV at all (e.g. an unterminated quote). */
    final class MalformedFileException extends RuntimeException {
        MalformedFileException(String message) {
            super(message);
        }
    }
}
