package io.parkcredit.financing;

import io.parkcredit.enterprise.Uscc;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ParkDates;
import io.parkcredit.shared.ProblemException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The input checks of a financing request (DOMAIN.md §7): every failing field is reported at
 * once as a 422 and nothing is stored.
 */
public final class FinancingInput {

    public static final int MAX_TERM_DAYS = 360;

    private FinancingInput() {
    }

    /** A posted receivable (API.md). */
    public record Receivable(String debtorUscc, String debtorName, String invoiceNo, String invoiceDate,
            BigDecimal amount, String dueDate, String contractNo, BigDecimal requestedAmount, Integer termDays) {
    }

    /** A receivable that passed the checks, with its codes normalised. */
    public record Checked(String debtorUscc, String debtorName, String invoiceNo, LocalDate invoiceDate,
            BigDecimal amount, LocalDate dueDate, String contractNo, BigDecimal requestedAmount, int termDays) {
    }

    /** Checks a receivable posted by {@code seller} on the grading day {@code today}. */
    public static Checked check(Receivable in, String seller, LocalDate today) {
        if (in == null) {
            throw ProblemException.invalid("body", "the receivable is required");
        }
        List<FieldProblem> errors = new ArrayList<>();
        String debtor = null;
        if (in.debtorUscc() == null || in.debtorUscc().isBlank()) {
            errors.add(FieldProblem.of("debtorUscc", "required"));
        } else if (!Uscc.isValid(in.debtorUscc())) {
            errors.add(FieldProblem.of("debtorUscc", uscProblem(in.debtorUscc())));
        } else {
            debtor = Uscc.normalise(in.debtorUscc());
            if (debtor.equals(seller)) {
                errors.add(FieldProblem.of("debtorUscc", "the debtor must not be the seller itself"));
            }
        }
        text(errors, "debtorName", in.debtorName(), 200);
        text(errors, "invoiceNo", in.invoiceNo(), 64);
        text(errors, "contractNo", in.contractNo(), 64);
        LocalDate invoiceDate = date(errors, "invoiceDate", in.invoiceDate());
        LocalDate dueDate = date(errors, "dueDate", in.dueDate());
        if (invoiceDate != null && invoiceDate.isAfter(today)) {
            errors.add(FieldProblem.of("invoiceDate", "must not be in the future"));
        }
        money(errors, "amount", in.amount(), false);
        money(errors, "requestedAmount", in.requestedAmount(), false);
        if (in.amount() != null && in.amount().signum() > 0 && in.requestedAmount() != null
                && in.requestedAmount().compareTo(in.amount()) > 0) {
            errors.add(FieldProblem.of("requestedAmount", "must not exceed the receivable's amount " + in.amount().toPlainString()));
        }
        if (dueDate != null && dueDate.isBefore(today)) {
            errors.add(FieldProblem.of("dueDate", "must not be before the grading day " + today));
        }
        if (in.termDays() == null) {
            errors.add(FieldProblem.of("termDays", "required"));
        } else if (in.termDays() < 1 || in.termDays() > MAX_TERM_DAYS) {
            errors.add(FieldProblem.of("termDays", "must be between 1 and " + MAX_TERM_DAYS + " days"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid receivable", errors);
        }
        return new Checked(debtor, in.debtorName().strip(), in.invoiceNo().strip().toUpperCase(Locale.ROOT),
                invoiceDate, in.amount(), dueDate, in.contractNo().strip(), in.requestedAmount(), in.termDays());
    }

    /** A date in any of the forms of DOMAIN.md §2, or null with the field's error added. */
    private static LocalDate date(List<FieldProblem> errors, String field, String text) {
        if (text == null || text.isBlank()) {
            errors.add(FieldProblem.of(field, "required"));
            return null;
        }
        try {
            return ParkDates.parse(text);
        } catch (RuntimeException e) {
            errors.add(FieldProblem.of(field, e.getMessage()));
            return null;
        }
    }

    private static String uscProblem(String text) {
        try {
            Uscc.parse(text);
            return "invalid USCC";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    static void text(List<FieldProblem> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(FieldProblem.of(field, "required"));
        } else if (value.strip().length() > max) {
            errors.add(FieldProblem.of(field, "at most " + max + " characters"));
        }
    }

    /** CNY with at most 2 decimals; positive unless {@code zeroAllowed}. */
    static void money(List<FieldProblem> errors, String field, BigDecimal value, boolean zeroAllowed) {
        if (value == null) {
            errors.add(FieldProblem.of(field, "required"));
        } else if (value.signum() < 0 || (!zeroAllowed && value.signum() == 0)) {
            errors.add(FieldProblem.of(field, zeroAllowed ? "must not be negative" : "must be greater than 0"));
        } else if (value.stripTrailingZeros().scale() > 2) {
            errors.add(FieldProblem.of(field, "at most 2 decimals"));
        } else if (value.precision() - value.scale() > 16) {
            errors.add(FieldProblem.of(field, "too large"));
        }
    }
}
