package io.parkcredit.monitoring;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the monitoring pages: Chinese first (zh-CN, here), English in
 * {@code messages/mon_en.properties}. Templates use them as {@code {mon:inboxTitle}}.
 */
@MessageBundle(value = "mon", locale = "zh-CN")
public interface MonitoringMsg {

    @Message("信用监护")
    String nav();

    @Message("预警收件箱")
    String inboxTitle();

    @Message("短信记录")
    String smsTitle();

    @Message("预警规则")
    String rulesTitle();

    @Message("机构预警订阅")
    String subscriptionsTitle();

    @Message("信用监护时间线")
    String timelineTitle();

    @Message("级别")
    String level();

    @Message("是否确认")
    String open();

    @Message("未确认")
    String openOnly();

    @Message("已确认")
    String done();

    @Message("全部")
    String any();

    @Message("企业")
    String firm();

    @Message("事项")
    String subject();

    @Message("依据")
    String reason();

    @Message("渠道")
    String channels();

    @Message("通知机构")
    String institutions();

    @Message("确认")
    String acknowledge();

    @Message("备注")
    String note();

    @Message("状态")
    String status();

    @Message("尝试")
    String attempts();

    @Message("手机号")
    String mobile();

    @Message("短信内容")
    String text();

    @Message("时间")
    String created();

    @Message("发送")
    String sentAt();

    @Message("下次尝试")
    String nextAttempt();

    @Message("事件类型")
    String eventType();

    @Message("严重程度")
    String severity();

    @Message("通知企业")
    String notifyFirm();

    @Message("园区收件箱")
    String notifyOfficers();

    @Message("通知金融机构")
    String notifyInstitutions();

    @Message("短信")
    String sms();

    @Message("短信模板")
    String template();

    @Message("模板编号")
    String templateCode();

    @Message("启用")
    String enabled();

    @Message("保存")
    String save();

    @Message("修改原因")
    String changeReason();

    @Message("规则已保存。")
    String saved();

    @Message("提醒")
    String reminders();

    @Message("日期")
    String due();

    @Message("最低级别")
    String minLevel();

    @Message("机构")
    String institution();

    @Message("可用占位符")
    String placeholders();

    @Message("未保存：")
    String notSaved();

    @Message("筛选")
    String filter();

    @Message("重置")
    String reset();

    @Message("暂无记录")
    String noResults();
}
