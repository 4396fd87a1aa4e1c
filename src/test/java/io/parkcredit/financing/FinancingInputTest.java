package io.parkcredit.financing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The input errors of DOMAIN.md §7 (422 with the field) and the edges that pass. */
class FinancingInputTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    static final String SELLER = io.parkcredit.testing.Fixtures.newUscc();
    static final String DEBTOR = io.parkcredit.testing.Fixtures.newUscc();

    static FinancingInput.Receivable valid() {
        return new FinancingInput.Receivable(DEBTOR, "债务人", "inv-001", TODAY.minusDays(5).toString(), new BigDecimal("100000.00"),
                TODAY.plusDays(60).toString(), "HT-1", new BigDecimal("80000"), 90);
    }

    @Test
    void aValidReceivablePassesWithItsCodesNormalised() {
        FinancingInput.Checked c = FinancingInput.check(valid(), SELLER, TODAY);
        assertThat(c).isEqualTo(new FinancingInput.Checked(DEBTOR, "债务人", "INV-001", LocalDate.of(2026, 11, 28),
                new BigDecimal("100000.00"), LocalDate.of(2027, 2, 1), "HT-1", new BigDecimal("80000"), 90));
    }

    @ParameterizedTest(name = "{0}={1} → 422 on {0}")
    @CsvSource({
            "amount, 0", "amount, -5", "amount, 1.001",
            "requestedAmount, 0", "requestedAmount, 100000.01",
            "dueDate, -1",
            "termDays, 361", "termDays, 0",
            "debtorUscc, 91410481MA0000001X", "debtorUscc, SELLER", "debtorUscc, ''",
            "invoiceNo, ''", "invoiceDate, 1"})
    void inputErrorsNameTheField(String field, String value) {
        FinancingInput.Receivable v = valid();
        FinancingInput.Receivable in = switch (field) {
            case "amount" -> new FinancingInput.Receivable(v.debtorUscc(), v.debtorName(), v.invoiceNo(), v.invoiceDate(),
                    new BigDecimal(value), v.dueDate(), v.contractNo(), new BigDecimal("0.01"), v.termDays());
            case "requestedAmount" -> new FinancingInput.Receivable(v.debtorUscc(), v.debtorName(), v.invoiceNo(),
                    v.invoiceDate(), v.amount(), v.dueDate(), v.contractNo(), new BigDecimal(value), v.termDays());
            case "dueDate" -> new FinancingInput.Receivable(v.debtorUscc(), v.debtorName(), v.invoiceNo(), v.invoiceDate(),
                    v.amount(), TODAY.plusDays(Long.parseLong(value)).toString(), v.contractNo(), v.requestedAmount(), v.termDays());
            case "termDays" -> new FinancingInput.Receivable(v.debtorUscc(), v.debtorName(), v.invoiceNo(), v.invoiceDate(),
                    v.amount(), v.dueDate(), v.contractNo(), v.requestedAmount(), Integer.parseInt(value));
            case "debtorUscc" -> new FinancingInput.Receivable(value.equals("SELLER") ? SELLER.toLowerCase() : value,
                    v.debtorName(), v.invoiceNo(), v.invoiceDate(), v.amount(), v.dueDate(), v.contractNo(),
                    v.requestedAmount(), v.termDays());
            case "invoiceNo" -> new FinancingInput.Receivable(v.debtorUscc(), v.debtorName(), value, v.invoiceDate(),
                    v.amount(), v.dueDate(), v.contractNo(), v.requestedAmount(), v.termDays());
            case "invoiceDate" -> new FinancingInput.Receivable(v.debtorUscc(), v.debtorName(), v.invoiceNo(),
                    TODAY.plusDays(Long.parseLong(value)).toString(), v.amount(), v.dueDate(), v.contractNo(), v.requestedAmount(),
                    v.termDays());
            default -> throw new IllegalArgumentException(field);
        };
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> FinancingInput.check(in, SELLER, TODAY));
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errors()).extracting(FieldProblem::field).containsExactly(field);
    }

    @Test
    void theEdgesPass() {
        FinancingInput.Receivable v = valid();
        // due on the grading day itself, 360 days, requested = amount; both date spellings read as 2026-12-03
        FinancingInput.Checked c = FinancingInput.check(new FinancingInput.Receivable(v.debtorUscc(), v.debtorName(),
                v.invoiceNo(), "2026年12月3日", v.amount(), "20261203", v.contractNo(), v.amount(), 360), SELLER, TODAY);
        assertThat(c.invoiceDate()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(c.dueDate()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(c.requestedAmount()).isEqualByComparingTo("100000.00");
        assertThat(c.termDays()).isEqualTo(360);
    }

    @Test
    void everyFailingFieldIsReportedAtOnce() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> FinancingInput.check(
                new FinancingInput.Receivable(SELLER, null, null, null, null, null, null, null, null), SELLER, TODAY));
        assertThat(e.errors()).extracting(FieldProblem::field).containsExactlyInAnyOrder("debtorUscc", "debtorName", "invoiceNo",
                "contractNo", "invoiceDate", "amount", "requestedAmount", "dueDate", "termDays");
    }
}
