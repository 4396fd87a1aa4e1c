package io.parkcredit.shared;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Names of the stored state codes the pages show (financing statuses and grades, offer statuses,
 * funnel stages, alert levels, SMS statuses, financing routes, screening exclusions, alert channels): {@code {code:requestStatus(r.status.name)}}. English in
 * {@code messages/code_en.properties}; a code not listed shows as itself.
 */
@MessageBundle(value = "code", locale = "zh-CN")
public interface CodeMsg {

    @Message("{#when s}{#is 'REJECTED'}已拒绝{#is 'REVIEW'}待园区复核{#is 'ROUTED'}待领取{#is 'CLAIMED'}已领取{#is 'OFFERED'}已报价"
            + "{#is 'ACCEPTED'}已接受报价{#is 'DISBURSED'}已放款{#is 'REPAID'}已还款{#is 'WITHDRAWN'}已撤回{#is 'POSTED'}已发布"
            + "{#is 'OVERDUE'}逾期未还{#else}{s}{/when}")
    String requestStatus(String s);

    @Message("{#when g}{#is 'EXCELLENT'}优{#is 'MIXED'}良莠不齐{#is 'POOR'}差{#is 'REJECTED'}拒绝{#else}{g}{/when}")
    String financingGrade(String g);

    @Message("{#when s}{#is 'OPEN'}待接受{#is 'ACCEPTED'}已接受{#is 'CLOSED'}已关闭{#is 'EXPIRED'}已过期{#is 'WITHDRAWN'}已撤回"
            + "{#else}{s}{/when}")
    String offerStatus(String s);

    @Message("{#when l}{#is 'CRITICAL'}严重{#is 'WARNING'}警告{#is 'INFO'}提示{#else}{l}{/when}")
    String level(String l);

    @Message("{#when s}{#is 'PENDING'}待发送{#is 'SENT'}已发送{#is 'DELIVERED'}已送达{#is 'FAILED'}发送失败{#is 'SUPPRESSED'}已抑制"
            + "{#else}{s}{/when}")
    String smsStatus(String s);

    @Message("{#when r}{#is 'BANKS'}银行{#is 'GUARANTORS'}担保公司{#is 'NONE'}不推送{#else}{r}{/when}")
    String route(String r);

    @Message("{#when x}{#is 'DEREGISTERED'}已注销{#is 'YELLOW_EQUIVALENT'}相当于黄名单：欠贷且有恶意逃废债迹象"
            + "{#is 'DISHONEST_DEBTOR'}失信被执行人{#is 'SERIOUS_ILLEGAL'}列入严重违法失信名单"
            + "{#is 'SERIOUS_RECORD'}近3年有在计的严重失信记录{#else}{x}{/when}")
    String exclusion(String x);

    @Message("{#when c}{#is 'INBOX'}园区收件箱{#is 'SMS'}短信{#is 'INSTITUTIONS'}通知机构{#else}{c}{/when}")
    String channel(String c);
}
