package io.parkcredit.shared;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The error page's texts: titles by HTTP status, and the details of the common problems by code
 * (ProblemException#reason); English in {@code messages/problem_en.properties}.
 */
@MessageBundle(value = "problem", locale = "zh-CN")
public interface ProblemMsg {

    @Message("{#when status}{#is 400}请求错误{#is 401}未登录{#is 403}无权访问{#is 404}未找到{#is 409}冲突"
            + "{#is 422}输入无效{#is 500}内部错误{#else}错误{/when}")
    String title(int status);

    @Message("返回上一页")
    String back();

    @Message("第 {line} 行")
    String line(Object line);

    @Message("您的角色无权查看或执行此操作")
    String forbidden(String detail);

    @Message("未找到{#when what}{#is 'enterprise'}企业{#is 'alert'}预警{#is 'alert rule'}预警规则{#is 'institution'}机构{#is 'screening'}筛选{#is 'rating model version'}评价模型版本{#is 'rating application'}信用评价申请{#is 'financing request'}融资需求{#is 'product of your institution'}本机构产品{#is 'live consent'}有效授权{#is 'offer'}报价{#is 'action'}操作{#is 'rule set'}规则集{#is 'classification run'}分类批次{#is 'classification result'}分类结果{#else}{what}{/when} {key}")
    String notFound(String what, String key);

    @Message("请检查输入项 {field}")
    String invalidField(String field, String detail);

    @Message("已有进行中的信用评价申请")
    String ratingApplicationOpen();

    @Message("信用等级已于 {revokedOn} 被撤销，{until} 前不得重新申请")
    String ratingBarred(String revokedOn, String until);

    @Message("现有信用等级有效期至 {validUntil}，复评申请自 {opens} 起受理")
    String reratingNotOpen(String validUntil, String opens);

    @Message("异议期已于 {deadline} 结束")
    String objectionWindowClosed(String deadline);

    @Message("该申请当前所处阶段不能进行此操作")
    String ratingIllegalTransition();

    @Message("评分后才有评价报告")
    String ratingNotScored();

    @Message("该融资需求当前所处阶段不能进行此操作")
    String illegalTransition();

    @Message("该报价已关闭")
    String offerClosed();

    @Message("该报价已于 {on} 过期")
    String offerExpired(String on);

    @Message("该融资需求已被认领")
    String alreadyClaimed();

    @Message("该融资需求不由贵机构认领")
    String notClaimant();

    @Message("该融资需求已确认")
    String alreadyConfirmed();

    @Message("该融资需求已转给另一类机构")
    String notOnLeg();

    @Message("发票 {invoice} 已用于一笔进行中的融资需求")
    String duplicateReceivable(String invoice);

    @Message("只有草稿批次可以发布")
    String runNotDraft();

    @Message("用户 {username} 已存在")
    String usernameTaken(String username);

    @Message("该预警已被确认")
    String alertAcknowledged();

    @Message("该事件类型与严重程度的规则已存在")
    String ruleExists();

    @Message("规则已被修改，请刷新后重新编辑")
    String staleRule();
}
