package io.parkcredit.enterprise;

/** Credit event types (DOMAIN.md §3): negative ones carry a severity, positive ones do not. */
public enum EventType {
    ADMIN_PENALTY("行政处罚", true),
    DISHONEST_DEBTOR("失信被执行人", true),
    ABNORMAL_OPERATION("经营异常名录", true),
    SERIOUS_ILLEGAL("严重违法失信名单", true),
    LAWSUIT_DEFENDANT("诉讼被告", true),
    TAX_ARREARS("欠税", true),
    SOCIAL_INSURANCE_ARREARS("欠缴社保", true),
    WAGE_ARREARS("拖欠工资", true),
    CONSUMER_COMPLAINT("消费者投诉", true),
    QUALITY_CHECK_FAILED("抽检不合格", true),
    SAFETY_VIOLATION("安全违法", true),
    DEBT_EVASION("恶意逃废债", true),
    COMMITMENT_BREACH("违背信用承诺", true),
    CONTRACT_BREACH("合同违约", true),
    HONOR("荣誉表彰", false),
    CHARITY("公益慈善", false),
    CREDIT_COMMITMENT("信用承诺", false),
    TAX_CREDIT_GRADE("纳税信用等级", false);

    private final String label;
    private final boolean negative;

    EventType(String label, boolean negative) {
        this.label = label;
        this.negative = negative;
    }

    public String label() {
        return label;
    }

    public boolean negative() {
        return negative;
    }
}
