package io.parkcredit.financing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which request states let a live consent open the seller's portrait (README, financing choices). */
class ConsentRuleTest {

    @Test
    void closedRequestsOpenNothingAcceptedOnesOnlyToTheBankAndGuarantorCarryingTheRisk() {
        for (RequestStatus s : new RequestStatus[] {RequestStatus.REJECTED, RequestStatus.WITHDRAWN, RequestStatus.REPAID}) {
            assertThat(ConsentService.stillOpensPortrait(s, "B1", "B1", "G1")).as(s.name()).isFalse();
        }
        for (RequestStatus s : new RequestStatus[] {RequestStatus.REVIEW, RequestStatus.ROUTED, RequestStatus.CLAIMED,
                RequestStatus.OFFERED}) {
            assertThat(ConsentService.stillOpensPortrait(s, "B2", null, null)).as(s.name()).isTrue();
        }
        for (RequestStatus s : new RequestStatus[] {RequestStatus.ACCEPTED, RequestStatus.DISBURSED}) {
            assertThat(ConsentService.stillOpensPortrait(s, "B1", "B1", "G1")).as(s + " accepted bank").isTrue();
            assertThat(ConsentService.stillOpensPortrait(s, "G1", "B1", "G1")).as(s + " guarantor").isTrue();
            assertThat(ConsentService.stillOpensPortrait(s, "B2", "B1", "G1")).as(s + " losing bank").isFalse();
            assertThat(ConsentService.stillOpensPortrait(s, "B2", "B1", null)).as(s + " no guarantor").isFalse();
        }
    }
}
