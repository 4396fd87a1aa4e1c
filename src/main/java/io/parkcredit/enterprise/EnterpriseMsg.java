package io.parkcredit.enterprise;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The lines of a firm's profile timeline ({@link EnterpriseService#timeline}), one message per reason
 * code; English in {@code messages/ent_en.properties}.
 */
@MessageBundle(value = "ent", locale = "zh-CN")
public interface EnterpriseMsg {

    @Message("、")
    String itemSep();

    @Message("{#when type}{#is 'ADMIN_PENALTY'}行政处罚{#is 'DISHONEST_DEBTOR'}失信被执行人{#is 'ABNORMAL_OPERATION'}经营异常名录{#is 'SERIOUS_ILLEGAL'}严重违法失信名单{#is 'LAWSUIT_DEFENDANT'}诉讼被告{#is 'TAX_ARREARS'}欠税{#is 'SOCIAL_INSURANCE_ARREARS'}欠缴社保{#is 'WAGE_ARREARS'}拖欠工资{#is 'CONSUMER_COMPLAINT'}消费者投诉{#is 'QUALITY_CHECK_FAILED'}抽检不合格{#is 'SAFETY_VIOLATION'}安全违法{#is 'DEBT_EVASION'}恶意逃废债{#is 'COMMITMENT_BREACH'}违背信用承诺{#is 'CONTRACT_BREACH'}合同违约{#is 'HONOR'}荣誉表彰{#is 'CHARITY'}公益慈善{#is 'CREDIT_COMMITMENT'}信用承诺{#is 'TAX_CREDIT_GRADE'}纳税信用等级{#else}{type}{/when}{#when severity}{#is 'MINOR'}（轻微）{#is 'GENERAL'}（一般）{#is 'SERIOUS'}（严重）{/when}")
    String event(String type, String severity);

    @Message("信用修复 {#when type}{#is 'ADMIN_PENALTY'}行政处罚{#is 'DISHONEST_DEBTOR'}失信被执行人{#is 'ABNORMAL_OPERATION'}经营异常名录{#is 'SERIOUS_ILLEGAL'}严重违法失信名单{#is 'LAWSUIT_DEFENDANT'}诉讼被告{#is 'TAX_ARREARS'}欠税{#is 'SOCIAL_INSURANCE_ARREARS'}欠缴社保{#is 'WAGE_ARREARS'}拖欠工资{#is 'CONSUMER_COMPLAINT'}消费者投诉{#is 'QUALITY_CHECK_FAILED'}抽检不合格{#is 'SAFETY_VIOLATION'}安全违法{#is 'DEBT_EVASION'}恶意逃废债{#is 'COMMITMENT_BREACH'}违背信用承诺{#is 'CONTRACT_BREACH'}合同违约{#is 'HONOR'}荣誉表彰{#is 'CHARITY'}公益慈善{#is 'CREDIT_COMMITMENT'}信用承诺{#is 'TAX_CREDIT_GRADE'}纳税信用等级{#else}{type}{/when}")
    String repair(String type);

    @Message("贷款发放 {principal} 元")
    String loanStarted(String principal);

    @Message("{lender} {loanNo}，到期 {due}")
    String loanDue(String lender, String loanNo, String due);

    @Message("逾期 {days} 天后结清")
    String settledLate(String days);

    @Message("按期结清")
    String settledOnTime();

    @Message("到期未还（至今逾期 {days} 天）")
    String unpaid(String days);

    @Message("{year} 年度财务报表")
    String statement(String year);

    @Message("营业收入未报")
    String revenueMissing();

    @Message("营业收入 {revenue} 元")
    String revenue(String revenue);
}
