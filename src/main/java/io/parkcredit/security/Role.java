package io.parkcredit.security;

/** The platform roles of DOMAIN.md §1. */
public enum Role {
    ADMIN("园区管委会"),
    REGULATOR("金融监管部门"),
    ENTERPRISE("企业用户"),
    BANK("银行"),
    GUARANTOR("担保公司"),
    EVALUATOR("第三方信用服务机构"),
    INVESTMENT("招商专员");

    /** Role names usable in {@code @RolesAllowed}. */
    public static final String ADMIN_ = "ADMIN";
    public static final String REGULATOR_ = "REGULATOR";
    public static final String ENTERPRISE_ = "ENTERPRISE";
    public static final String BANK_ = "BANK";
    public static final String GUARANTOR_ = "GUARANTOR";
    public static final String EVALUATOR_ = "EVALUATOR";
    public static final String INVESTMENT_ = "INVESTMENT";

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean boundToEnterprise() {
        return this == ENTERPRISE;
    }

    public boolean boundToInstitution() {
        return this == BANK || this == GUARANTOR;
    }
}
