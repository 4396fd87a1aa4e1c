package io.parkcredit.financing;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a financing request (DOMAIN.md §7). {@code REVIEW} holds a POOR request for the
 * park; {@code ROUTED} waits in the queues of the institutions it was sent to.
 */
public enum RequestStatus {
    REJECTED("已拒绝"),
    REVIEW("待园区复核"),
    ROUTED("待领取"),
    CLAIMED("已领取"),
    OFFERED("已报价"),
    ACCEPTED("已接受报价"),
    DISBURSED("已放款"),
    REPAID("已还款"),
    WITHDRAWN("已撤回");

    /** Statuses in which a claim by a bank or guarantor is live. */
    public static final Set<RequestStatus> CLAIMED_BY_INSTITUTION = EnumSet.of(CLAIMED, OFFERED, ACCEPTED, DISBURSED);

    private final String label;

    RequestStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isFinal() {
        return this == REJECTED || this == REPAID || this == WITHDRAWN;
    }
}
