package io.parkcredit.credit;

/** How a commitment is verified after the fact (事中事后核查, DOMAIN.md §8.1), set by the firm's credit. */
public enum Verification {
    /** 免于核查: daily supervision only. */
    EXEMPT,
    /** 书面核查: a desk check of the documents. */
    DESK,
    /** 现场核查: an on-site check. */
    ON_SITE
}
