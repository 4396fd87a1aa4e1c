package io.parkcredit.financing;

/** Asset quality of a receivable after the cash-flow check (DOMAIN.md §7). */
public enum Grade {
    EXCELLENT("优"), MIXED("良莠不齐"), POOR("差"), REJECTED("拒绝");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
