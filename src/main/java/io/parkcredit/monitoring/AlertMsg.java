package io.parkcredit.monitoring;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * An alert in the reader's language: its kind, the titles of the registry reminders and the reason
 * an alert was raised; English in {@code messages/alert_en.properties}.
 */
@MessageBundle(value = "alert", locale = "zh-CN")
public interface AlertMsg {

    @Message("{#when kind}{#is 'EVENT'}信用事件{#is 'RATING_EXPIRY'}信用等级到期{#is 'ANNUAL_REVIEW'}年度复审"
            + "{#is 'LOAN_DUE'}贷款到期{#is 'REPAIR_ELIGIBLE'}可申请信用修复{#is 'POLICY_MATCH'}政策推送{#else}{kind}{/when}")
    String kind(String kind);

    @Message("信用等级{grade}将于{on}到期，可申请重新评价")
    String ratingExpiry(String grade, String on);

    @Message("信用等级{grade}年度复审将于{on}到期")
    String annualReview(String grade, String on);

    @Message("贷款{loan}（本金{principal}元）将于{on}到期")
    String loanDue(String loan, String principal, String on);

    @Message("信用记录“{record}”已满最短公示期，可申请信用修复")
    String repairEligible(String record);

    @Message("政策匹配：{policy}")
    String policyMatch(String policy);

    @Message("政策 {policy} 匹配本企业")
    String policyMatched(String policy);

    @Message("规则 {rule}（{ruleType} / {ruleSeverity}）匹配 {type} / {severity}")
    String ruleMatched(String rule, String ruleType, String ruleSeverity, String type, String severity);

    @Message("{day} 扫描：{kind}，到期日 {due}")
    String scanned(String day, String kind, String due);

    @Message("任意")
    String any();

    @Message("无")
    String none();
}
