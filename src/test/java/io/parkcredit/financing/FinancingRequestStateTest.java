package io.parkcredit.financing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.parkcredit.shared.ProblemException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The state machine of a request (DOMAIN.md §7): each step from each status either moves it on or
 * is refused with 409 and a reason naming the status and what the step needs.
 */
class FinancingRequestStateTest {

    static final Instant NOW = Instant.parse("2026-12-03T02:00:00Z");
    static final Duration WINDOW = Duration.ofHours(24);

    static FinancingRequest request(RequestStatus status, Route route, String claimedBy) {
        FinancingRequest r = new FinancingRequest();
        r.id = 7L;
        r.status = status;
        r.route = route;
        r.claimedBy = claimedBy;
        r.requestedAmount = new BigDecimal("1000.00");
        r.disbursedOn = LocalDate.of(2026, 11, 1);
        r.repaymentDue = LocalDate.of(2026, 12, 1);
        return r;
    }

    static Consumer<FinancingRequest> step(String name) {
        return switch (name) {
            case "claim" -> r -> r.claimBy("B1", NOW, WINDOW);
            case "guarantee" -> r -> r.commitGuarantee("B1", "L-1", new BigDecimal("1000"), BigDecimal.ONE, NOW, WINDOW);
            case "offer" -> r -> r.recordOffer("B1", NOW);
            case "accept" -> r -> r.accept(1L, NOW);
            case "disburse" -> r -> r.disburse("B1", new BigDecimal("1000"), LocalDate.of(2026, 11, 1), 30, NOW);
            case "repay" -> r -> r.repay("B1", LocalDate.of(2026, 12, 2), NOW);
            case "override" -> r -> r.overrideReview(Route.BANKS, "园区复核通过", NOW, WINDOW);
            case "confirm" -> r -> r.confirmByDebtor("debtor", NOW);
            case "withdraw" -> FinancingRequest::withdraw;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} from {1} (route {2}, claimed by {3}) → {4}")
    @CsvSource({
            // step, from, route, claimedBy, expected status or 409
            "claim, ROUTED, BANKS, , CLAIMED",
            "claim, CLAIMED, BANKS, B2, 409",
            "claim, OFFERED, BANKS, B2, 409",
            "claim, REVIEW, NONE, , 409",
            "claim, REJECTED, NONE, , 409",
            "claim, ACCEPTED, BANKS, B1, 409",
            "guarantee, CLAIMED, GUARANTORS, B1, ROUTED",
            "guarantee, CLAIMED, BANKS, B1, 409",
            "guarantee, CLAIMED, GUARANTORS, B2, 409",
            "guarantee, ROUTED, GUARANTORS, , 409",
            "offer, CLAIMED, BANKS, B1, OFFERED",
            "offer, OFFERED, BANKS, B1, OFFERED",
            "offer, CLAIMED, BANKS, B2, 409",
            "offer, ROUTED, BANKS, , 409",
            "offer, CLAIMED, GUARANTORS, B1, 409",
            "offer, ACCEPTED, BANKS, B1, 409",
            "accept, OFFERED, BANKS, B1, ACCEPTED",
            "accept, CLAIMED, BANKS, B1, 409",
            "accept, ACCEPTED, BANKS, B1, 409",
            "disburse, ACCEPTED, BANKS, B1, DISBURSED",
            "disburse, ACCEPTED, BANKS, B2, 409",
            "disburse, OFFERED, BANKS, B1, 409",
            "disburse, DISBURSED, BANKS, B1, 409",
            "repay, DISBURSED, BANKS, B1, REPAID",
            "repay, ACCEPTED, BANKS, B1, 409",
            "repay, REPAID, BANKS, B1, 409",
            "override, REVIEW, NONE, , ROUTED",
            "override, ROUTED, BANKS, , 409",
            "override, REJECTED, NONE, , 409",
            "confirm, ROUTED, GUARANTORS, , ROUTED",
            "confirm, REVIEW, NONE, , REVIEW",
            "confirm, ACCEPTED, BANKS, B1, 409",
            "confirm, REJECTED, NONE, , 409",
            "withdraw, OFFERED, BANKS, B1, WITHDRAWN",
            "withdraw, ROUTED, BANKS, , WITHDRAWN",
            "withdraw, ACCEPTED, BANKS, B1, 409",
            "withdraw, DISBURSED, BANKS, B1, 409",
            "withdraw, REPAID, BANKS, B1, 409"})
    void eachStepFromEachStatus(String step, RequestStatus from, Route route, String claimedBy, String expected) {
        FinancingRequest r = request(from, route, claimedBy);
        if (expected.equals("409")) {
            ProblemException e = catchThrowableOfType(ProblemException.class, () -> step(step).accept(r));
            assertThat(e).as(step + " from " + from).isNotNull();
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).contains("request 7");
            assertThat(r.status).as("a refused step changes nothing").isEqualTo(from);
        } else {
            step(step).accept(r);
            assertThat(r.status).isEqualTo(RequestStatus.valueOf(expected));
        }
    }

    @org.junit.jupiter.api.Test
    void theReasonNamesTheStatusAndWhatTheStepNeeds() {
        FinancingRequest r = request(RequestStatus.CLAIMED, Route.BANKS, "B1");
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> r.accept(1L, NOW));
        assertThat(e.getMessage()).isEqualTo("request 7 is CLAIMED; accepting an offer needs OFFERED");
        assertThat(e.code()).isEqualTo("illegal-transition");
    }

    @org.junit.jupiter.api.Test
    void aGuaranteeSendsTheRequestToBanksAndFreesTheClaim() {
        FinancingRequest r = request(RequestStatus.CLAIMED, Route.GUARANTORS, "G1");
        r.commitGuarantee("G1", "BH-9", new BigDecimal("800"), new BigDecimal("1.5"), NOW, WINDOW);
        assertThat(r.route).isEqualTo(Route.BANKS);
        assertThat(r.claimedBy).isNull();
        assertThat(r.guarantorCode).isEqualTo("G1");
        assertThat(r.pickupDeadline).isEqualTo(NOW.plus(WINDOW));
    }
}
