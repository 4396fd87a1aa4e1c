package io.parkcredit.enterprise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.Objects;

/** A firm's yearly financial statement in CNY, keyed by USCC and year (DOMAIN.md §3). */
@Entity
@Table(name = "financial_statements")
public class FinancialStatement extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(nullable = false)
    public String uscc;

    @Column(nullable = false)
    public int year;

    @Column(name = "total_assets") public BigDecimal totalAssets;
    @Column(name = "total_liabilities") public BigDecimal totalLiabilities;
    @Column(name = "current_assets") public BigDecimal currentAssets;
    @Column(name = "current_liabilities") public BigDecimal currentLiabilities;
    public BigDecimal inventory;
    public BigDecimal cash;
    @Column(name = "accounts_receivable") public BigDecimal accountsReceivable;
    public BigDecimal equity;
    public BigDecimal revenue;
    @Column(name = "cost_of_sales") public BigDecimal costOfSales;
    @Column(name = "operating_profit") public BigDecimal operatingProfit;
    @Column(name = "net_profit") public BigDecimal netProfit;
    @Column(name = "interest_expense") public BigDecimal interestExpense;
    @Column(name = "operating_cash_flow") public BigDecimal operatingCashFlow;
    @Column(name = "retained_earnings") public BigDecimal retainedEarnings;
    @Column(name = "rd_expense") public BigDecimal rdExpense;
    @Column(name = "contracts_signed") public BigDecimal contractsSigned;
    @Column(name = "contracts_fulfilled") public BigDecimal contractsFulfilled;

    @Override
    public boolean equals(Object o) {
        return o instanceof FinancialStatement s && Objects.equals(uscc, s.uscc) && year == s.year;
    }

    @Override
    public int hashCode() {
        return Objects.hash(uscc, year);
    }
}
