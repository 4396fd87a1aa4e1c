package io.parkcredit.classification;

/** The yearly financial-credit lists of DOMAIN.md §4, in the order they are checked. */
public enum CreditList {
    YELLOW("黄名单"), RED("红名单"), WHITE("白名单"), NONE("未列入");

    private final String label;

    CreditList(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
