package io.parkcredit.enterprise;

/** Kinds of financial institution (DOMAIN.md §3). */
public enum InstitutionKind {
    BANK("银行"), GUARANTOR("担保公司");

    private final String label;

    InstitutionKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
