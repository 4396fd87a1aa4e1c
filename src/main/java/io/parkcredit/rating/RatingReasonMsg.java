package io.parkcredit.rating;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The facts behind each qualification condition of a rating application ({@link Qualification}),
 * one message per reason code; English in {@code messages/ratingWhy_en.properties}.
 */
@MessageBundle(value = "ratingWhy", locale = "zh-CN")
public interface RatingReasonMsg {

    @Message("；")
    String itemSep();

    @Message("园区在营企业")
    String activeInPark(String status);

    @Message("企业状态 {#when status}{#is 'ACTIVE'}存续{#is 'ABNORMAL'}异常{#is 'DEREGISTERED'}注销{#else}{status}{/when}")
    String notActive(String status);

    @Message("企业状态 {#when status}{#is 'ACTIVE'}存续{#is 'ABNORMAL'}异常{#is 'DEREGISTERED'}注销{#else}{status}{/when}，不在园区")
    String notInPark(String status);

    @Message("缺少成立日期")
    String noRegistrationDate();

    @Message("成立于 {on}，存续满三年")
    String registered3y(String on, String latest);

    @Message("成立于 {on}，存续不满三年（需不晚于 {latest}）")
    String registeredRecently(String on, String latest);

    @Message("{from}–{to} 年度均有营业收入")
    String revenueEveryYear(String from, String to);

    @Message("以下年度无营业收入记录：[{years}]")
    String revenueMissing(String years);

    @Message("近三年无严重失信记录")
    String noSeriousDishonesty();

    @Message("近三年有严重失信记录：{items}")
    String seriousDishonesty(String items);

    @Message("{#when type}{#is 'ADMIN_PENALTY'}行政处罚{#is 'DISHONEST_DEBTOR'}失信被执行人{#is 'ABNORMAL_OPERATION'}经营异常名录{#is 'SERIOUS_ILLEGAL'}严重违法失信名单{#is 'LAWSUIT_DEFENDANT'}诉讼被告{#is 'TAX_ARREARS'}欠税{#is 'SOCIAL_INSURANCE_ARREARS'}欠缴社保{#is 'WAGE_ARREARS'}拖欠工资{#is 'CONSUMER_COMPLAINT'}消费者投诉{#is 'QUALITY_CHECK_FAILED'}抽检不合格{#is 'SAFETY_VIOLATION'}安全违法{#is 'DEBT_EVASION'}恶意逃废债{#is 'COMMITMENT_BREACH'}违背信用承诺{#is 'CONTRACT_BREACH'}合同违约{#is 'HONOR'}荣誉表彰{#is 'CHARITY'}公益慈善{#is 'CREDIT_COMMITMENT'}信用承诺{#is 'TAX_CREDIT_GRADE'}纳税信用等级{#else}{type}{/when} {day}")
    String dishonestyEvent(String type, String day);
}
