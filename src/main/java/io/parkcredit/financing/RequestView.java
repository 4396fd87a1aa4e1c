package io.parkcredit.financing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A financing request on the wire (API.md §Financing): the receivable, grade, factors and route,
 * and where it stands. {@code routedTo} is shown to the firm and the park only.
 */
public record RequestView(long id, String sellerUscc, String debtorUscc, String debtorName, String invoiceNo,
        LocalDate invoiceDate, BigDecimal amount, LocalDate dueDate, String contractNo, BigDecimal requestedAmount,
        int termDays, RequestStatus status, Grade grade, int score, List<CashFlowGrading.Factor> factors, Route route,
        String reason, boolean debtorConfirmed, LocalDate gradedOn, String sellerList, Instant postedAt,
        Instant pickupDeadline, String claimedBy, Instant claimDeadline, String guarantorCode, String guaranteeLetterNo,
        BigDecimal guaranteeAmount, Long acceptedOfferId, BigDecimal disbursedAmount, LocalDate disbursedOn,
        LocalDate repaymentDue, LocalDate repaidOn, String overrideReason, List<String> routedTo, long version) {

    public String statusLabel() {
        return status.label();
    }

    public String gradeLabel() {
        return grade.label();
    }
}
