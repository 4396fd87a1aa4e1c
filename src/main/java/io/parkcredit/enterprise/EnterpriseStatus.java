package io.parkcredit.enterprise;

/** Registration status (DOMAIN.md §3). */
public enum EnterpriseStatus {
    ACTIVE("存续"), ABNORMAL("异常"), DEREGISTERED("注销");

    private final String label;

    EnterpriseStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
