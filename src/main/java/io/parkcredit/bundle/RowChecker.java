package io.parkcredit.bundle;

import io.parkcredit.enterprise.EventType;
import io.parkcredit.enterprise.Uscc;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Mobile;
import io.parkcredit.shared.Money;
import io.parkcredit.shared.ParkDates;
import io.parkcredit.shared.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads one row of a bundle file into normalised column values (ISO dates, plain decimals,
 * upper-case codes) and reports every bad cell with its reason. Pure: no database.
 */
final class RowChecker {

    private static final Pattern INDUSTRY = Pattern.compile("[A-T][0-9]{2,4}");
    private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,9}");

    private final BundleFile file;
    /** For each spec column, its position in the header, or -1 when the file lacks it. */
    private final int[] position;
    private final List<FieldProblem> headerProblems = new ArrayList<>();
    /** Reused for every row: bulk imports check millions of rows. */
    private final String[] out;
    private final String[] present;

    RowChecker(BundleFile file, List<String> header) {
        this.file = file;
        this.position = new int[file.columns().size()];
        java.util.Arrays.fill(position, -1);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).strip().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (name.isEmpty()) {
                headerProblems.add(FieldProblem.row(file.fileName(), 1, "#" + (i + 1), "empty column name in the header"));
                continue;
            }
            int idx = file.indexOf(name);
            if (idx < 0) {
                headerProblems.add(FieldProblem.row(file.fileName(), 1, name, "unknown column; expected some of "
                        + file.columns().stream().map(BundleColumn::name).toList()));
            } else if (seen.put(name, i) != null) {
                headerProblems.add(FieldProblem.row(file.fileName(), 1, name, "column appears twice in the header"));
            } else {
                position[idx] = i;
            }
        }
        for (int c = 0; c < position.length; c++) {
            BundleColumn col = file.columns().get(c);
            if (position[c] < 0 && (col.required() || file.key().contains(col.name()))) {
                headerProblems.add(FieldProblem.row(file.fileName(), 1, col.name(), "required column is missing"));
            }
        }
        this.out = new String[position.length];
        this.present = new String[presentCount()];
    }

    List<FieldProblem> headerProblems() {
        return headerProblems;
    }

    /** The spec columns this file carries, in spec order. */
    List<BundleColumn> presentColumns() {
        List<BundleColumn> present = new ArrayList<>();
        for (int c = 0; c < position.length; c++) {
            if (position[c] >= 0) {
                present.add(file.columns().get(c));
            }
        }
        return present;
    }

    /**
     * Checks one row. Returns the normalised values of the present columns (spec order, null for
     * SQL NULL), or null when the row has errors, which go to {@code errors}. The returned array is
     * reused by the next call.
     */
    String[] check(long line, CellSource cells, Consumer<FieldProblem> errors) {
        java.util.Arrays.fill(out, null);
        boolean ok = true;
        for (int c = 0; c < position.length; c++) {
            if (position[c] < 0) {
                continue;
            }
            BundleColumn col = file.columns().get(c);
            try {
                out[c] = normalise(col, cells.get(position[c], col.kind()));
            } catch (InvalidValueException e) {
                errors.accept(FieldProblem.row(file.fileName(), line, col.name(), e.getMessage()));
                ok = false;
            }
        }
        if (ok) {
            ok = crossCheck(line, out, errors);
        }
        if (!ok) {
            return null;
        }
        int j = 0;
        for (int c = 0; c < position.length; c++) {
            if (position[c] >= 0) {
                present[j++] = out[c];
            }
        }
        return present;
    }

    private int presentCount() {
        int n = 0;
        for (int p : position) {
            if (p >= 0) {
                n++;
            }
        }
        return n;
    }

    static String normalise(BundleColumn col, String raw) {
        if (raw == null || raw.isBlank()) {
            if (col.blankDefault() != null) {
                return col.blankDefault();
            }
            if (col.required()) {
                throw new InvalidValueException("required value is missing");
            }
            return null;
        }
        String s = Character.isWhitespace(raw.charAt(0)) || Character.isWhitespace(raw.charAt(raw.length() - 1))
                ? raw.strip() : raw;
        return switch (col.kind()) {
            case USCC -> Uscc.normalise(s);
            case TEXT -> {
                if (s.indexOf('\0') >= 0) {
                    throw new InvalidValueException("contains a NUL character, which text cannot hold");
                }
                if (col.maxLength() > 0 && s.length() > col.maxLength()) {
                    throw new InvalidValueException("longer than " + col.maxLength() + " characters");
                }
                yield Text.check(s, Text.MAX_LENGTH);
            }
            case DATE -> ParkDates.normalise(s);
            case MONEY -> Money.normalise(s, false);
            case MONEY_SIGNED -> Money.normalise(s, true);
            case COUNT -> {
                int v = parseInt(s, "a whole number");
                if (v < 0) {
                    throw new InvalidValueException("must not be negative: " + s);
                }
                yield Integer.toString(v);
            }
            case YEAR -> {
                int v = parseInt(s, "a year");
                if (v < 1900 || v > 2199) {
                    throw new InvalidValueException("year out of range 1900..2199: " + s);
                }
                yield Integer.toString(v);
            }
            case BOOL -> switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "y", "是" -> "true";
                case "false", "0", "no", "n", "否" -> "false";
                default -> throw new InvalidValueException("expected true or false: " + s);
            };
            case ENUM -> {
                String v = s.toUpperCase(Locale.ROOT);
                if (!col.values().contains(v)) {
                    throw new InvalidValueException("unknown value " + s + "; expected one of "
                            + col.values().stream().sorted().toList());
                }
                yield v;
            }
            case MOBILE -> Mobile.parse(s).value();
            case INDUSTRY -> {
                String v = s.toUpperCase(Locale.ROOT);
                if (!INDUSTRY.matcher(v).matches()) {
                    throw new InvalidValueException("not a GB/T 4754 industry code (a letter A-T and 2-4 digits, e.g. C3562): " + s);
                }
                yield v;
            }
        };
    }

    /** Plain digits only (a spreadsheet's 88.0 arrives as 88): no exponents, signs are checked by the caller. */
    private static int parseInt(String s, String what) {
        if (!DIGITS.matcher(s).matches()) {
            throw new InvalidValueException("expected " + what + ": " + s);
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("expected " + what + ": " + s);
        }
    }

    /** Rules across columns of one row (DOMAIN.md §3). Values are normalised: ISO dates compare as text. */
    private boolean crossCheck(long line, String[] v, Consumer<FieldProblem> errors) {
        List<FieldProblem> found = new ArrayList<>();
        switch (file.name()) {
            case "loans" -> {
                String start = get(v, "start_date");
                String due = get(v, "due_date");
                String settled = get(v, "settled_on");
                if (start != null && due != null && due.compareTo(start) < 0) {
                    found.add(problem(line, "due_date", "due date " + due + " is before the start date " + start));
                }
                if (start != null && settled != null && settled.compareTo(start) < 0) {
                    found.add(problem(line, "settled_on", "settled on " + settled + ", before the start date " + start));
                }
                if (isZero(get(v, "principal"))) {
                    found.add(problem(line, "principal", "principal must be more than 0"));
                }
            }
            case "credit_events" -> {
                String typeName = get(v, "type");
                if (typeName != null) {
                    EventType type = EventType.valueOf(typeName);
                    String severity = get(v, "severity");
                    if (type.negative() && severity == null) {
                        found.add(problem(line, "severity", "required for the negative type " + type
                                + " (MINOR, GENERAL or SERIOUS)"));
                    }
                    if (!type.negative() && severity != null) {
                        found.add(problem(line, "severity", "only negative types carry a severity; " + type + " is positive"));
                    }
                    String grade = get(v, "grade");
                    if (type == EventType.TAX_CREDIT_GRADE && grade == null) {
                        found.add(problem(line, "grade", "required for TAX_CREDIT_GRADE (A, B, M, C or D)"));
                    }
                    if (type != EventType.TAX_CREDIT_GRADE && grade != null) {
                        found.add(problem(line, "grade", "only TAX_CREDIT_GRADE events carry a grade"));
                    }
                }
                String occurred = get(v, "occurred_on");
                String repaired = get(v, "repaired_on");
                if (occurred != null && repaired != null && repaired.compareTo(occurred) < 0) {
                    found.add(problem(line, "repaired_on", "repaired on " + repaired + ", before it occurred on " + occurred));
                }
            }
            case "transactions" -> {
                if (isZero(get(v, "amount"))) {
                    found.add(problem(line, "amount", "amount must be more than 0"));
                }
                String cp = get(v, "counterparty_uscc");
                if (cp != null && cp.equals(get(v, "uscc"))) {
                    found.add(problem(line, "counterparty_uscc", "a firm cannot be its own counterparty"));
                }
            }
            default -> {
            }
        }
        found.forEach(errors);
        return found.isEmpty();
    }

    private String get(String[] v, String column) {
        int i = file.indexOf(column);
        return i < 0 ? null : v[i];
    }

    private static boolean isZero(String decimal) {
        return decimal != null && Money.isZero(decimal);
    }

    private FieldProblem problem(long line, String column, String message) {
        return FieldProblem.row(file.fileName(), line, column, message);
    }

    /** The cells of one row, addressed by header position; the kind lets spreadsheets convert typed cells. */
    interface CellSource {
        String get(int position, ColumnKind kind);
    }
}
