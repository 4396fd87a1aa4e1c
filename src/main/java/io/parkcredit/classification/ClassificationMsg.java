package io.parkcredit.classification;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The facts behind each classification clause ({@link ClassificationRules}), one message per
 * reason code; English in {@code messages/cls_en.properties}. Rendered by
 * {@link io.parkcredit.shared.Reasons}.
 */
@MessageBundle(value = "cls", locale = "zh-CN")
public interface ClassificationMsg {

    @Message("、")
    String itemSep();

    @Message("；")
    String evasionSep();

    @Message("评价日 {day} 无欠贷")
    String noArrears(String day);

    @Message("欠贷：{items}")
    String arrears(String items);

    @Message("{ref}（到期 {due}，逾期 {days} 天）")
    String overdueLoan(String ref, String due, String days);

    @Message("无恶意逃废债迹象")
    String noEvasion();

    @Message("{items}")
    String evasion(String items);

    @Message("(a) 恶意逃废债记录 {ref}（{day}）")
    String evasionRecord(String ref, String day);

    @Message("(b) 失信被执行人 {ref}（{day}）")
    String dishonestDebtor(String ref, String day);

    @Message("(c) 贷款 {ref} 逾期 {days} 天，近 {inflowDays} 天收入 {inflow} 元超过本金 {principal} 元（有能力偿还而不还）")
    String ableButNotPaying(String ref, String days, String inflowDays, String inflow, String principal);

    @Message("无在贷贷款，也无 {from} 以来结清的贷款（无贷企业）")
    String noLoanHeld(String from);

    @Message("有贷企业：{items}")
    String loansHeld(String items);

    @Message("{ref}")
    String loan(String ref);

    @Message("({from}, {day}] 内到期的贷款均未逾期超过 {days} 天")
    String noLateLoan(String from, String day, String days);

    @Message("逾期超过 {days} 天：{items}")
    String lateLoans(String days, String items);

    @Message("({from}, {day}] 内无在计的{#when severity}{#is 'SERIOUS'}严重{#is 'GENERAL'}一般{/when}失信记录")
    String noDishonesty(String from, String day, String severity);

    @Message("{#when severity}{#is 'SERIOUS'}严重{#is 'GENERAL'}一般{/when}失信记录：{items}")
    String dishonesty(String severity, String items);

    @Message("{ref}（{day} {title}）")
    String event(String ref, String day, String title);

    @Message("无贷企业")
    String loanFree();

    @Message("登记状态 {#when status}{#is 'ACTIVE'}存续{#is 'ABNORMAL'}异常{#is 'DEREGISTERED'}注销{#else}未知{/when}")
    String registration(String status);

    @Message("成立日期未知")
    String registeredUnknown();

    @Message("成立于 {on}，不晚于 {by}")
    String registeredInTime(String on, String by);

    @Message("成立于 {on}，晚于 {by}")
    String registeredLate(String on, String by);

    @Message("[{years}] 年度均无营业收入大于 0 的财务报表")
    String noRevenue(String years);

    @Message("{year} 年度财务报表营业收入大于 0")
    String revenue(String year);

    @Message("评价日无有效的信用等级，本条不适用")
    String noRating();

    @Message("信用等级 {grade}（有效期 {from} 至 {until}）不低于 {floor}")
    String ratingAtFloor(String grade, String from, String until, String floor);

    @Message("信用等级 {grade}（有效期 {from} 至 {until}）低于 {floor}")
    String ratingBelowFloor(String grade, String from, String until, String floor);

    @Message("{#when kind}{#is 'YELLOW'}黄名单通报{#is 'CORRECTION'}名单更正{#else}{kind}{/when}")
    String noticeKind(String kind);
}
