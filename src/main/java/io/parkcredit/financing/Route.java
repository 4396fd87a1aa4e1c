package io.parkcredit.financing;

/** Where a graded request goes (DOMAIN.md §7); also the leg of a routing row. */
public enum Route {
    BANKS("银行"), GUARANTORS("担保公司"), NONE("不推送");

    private final String label;

    Route(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
