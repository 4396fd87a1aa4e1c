package io.parkcredit.credit;

/** Kinds of credit commitment (DOMAIN.md §8.1). */
public enum CommitmentKind {
    /** 证明事项告知承诺: a certificate replaced by the firm's word. */
    APPLICATION(true),
    /** 涉企经营许可告知承诺: a permit granted on the firm's word. */
    LICENSE(true),
    /** 评价承诺书: signed with a rating application (§5). */
    RATING(false),
    /** 修复承诺: signed with a repair application (§8.3). */
    REPAIR(false),
    /** 标准地承诺. */
    LAND(false),
    /** 主动承诺: volunteered by the firm. */
    VOLUNTARY(false);

    private final boolean notification;

    CommitmentKind(boolean notification) {
        this.notification = notification;
    }

    /** Whether it is a 告知承诺, which a firm may use only while its credit allows (§8.1). */
    public boolean notification() {
        return notification;
    }
}
