package io.parkcredit.enterprise;

/** Severity of a negative credit event: the national credit-repair classes (DOMAIN.md §3, §8). */
public enum Severity {
    MINOR("轻微"), GENERAL("一般"), SERIOUS("严重");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
