package io.parkcredit.enterprise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A loan of a firm, keyed by lender and loan number (DOMAIN.md §3). */
@Entity
@Table(name = "loans")
public class Loan extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "lender_code", nullable = false)
    public String lenderCode;

    @Column(name = "loan_no", nullable = false)
    public String loanNo;

    @Column(nullable = false)
    public String uscc;

    @Column(nullable = false)
    public BigDecimal principal;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Column(name = "settled_on")
    public LocalDate settledOn;

    /** In arrears on day D: due before D and not settled by D (DOMAIN.md §3). */
    public boolean inArrearsOn(LocalDate day) {
        return inArrearsOn(dueDate, settledOn, day);
    }

    /** Overdue days on day D: D − due while in arrears, else settled − due when positive, else 0. */
    public long overdueDaysOn(LocalDate day) {
        return overdueDaysOn(dueDate, settledOn, day);
    }

    public static boolean inArrearsOn(LocalDate due, LocalDate settled, LocalDate day) {
        return due.isBefore(day) && (settled == null || settled.isAfter(day));
    }

    public static long overdueDaysOn(LocalDate due, LocalDate settled, LocalDate day) {
        if (inArrearsOn(due, settled, day)) {
            return ChronoUnit.DAYS.between(due, day);
        }
        if (settled != null && !settled.isAfter(day)) {
            return Math.max(0, ChronoUnit.DAYS.between(due, settled));
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Loan l && Objects.equals(lenderCode, l.lenderCode) && Objects.equals(loanNo, l.loanNo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lenderCode, loanNo);
    }
}
