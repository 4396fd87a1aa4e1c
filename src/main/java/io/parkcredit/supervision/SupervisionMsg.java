package io.parkcredit.supervision;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The supervision pages (DOMAIN.md §10.1); English in {@code messages/sup_en.properties}. */
@MessageBundle(value = "sup", locale = "zh-CN")
public interface SupervisionMsg {

    @Message("双随机抽查")
    String nav();

    @Message("双随机、一公开：信用分级抽查")
    String title();

    @Message("抽查计划 {period}")
    String planTitle(String period);

    @Message("抽查计划")
    String plans();

    @Message("还没有抽查计划。")
    String noPlans();

    @Message("新建抽查计划")
    String newPlan();

    @Message("按信用分级权重不放回抽取企业：入样概率 πᵢ = min(1, c·wᵢ)，c 使概率之和等于抽查数；以保存的随机种子系统抽样，可重复、可审计。每家企业派两名不同单位的检查人员，且不派上次检查该企业的人员。")
    String method();

    @Message("期间")
    String period();

    @Message("抽查数")
    String count();

    @Message("随机种子（留空则随机生成）")
    String seed();

    @Message("检查人员（每行：编号,姓名,单位）")
    String inspectors();

    @Message("预估各档占比")
    String preview();

    @Message("抽取")
    String draw();

    @Message("档位")
    String tier();

    @Message("{#when t}{#is 'YELLOW'}黄名单{#is 'SERIOUS'}在计严重失信{#is 'GENERAL'}在计一般失信或等级 B 及以下{#is 'NONE'}未列入名单{#is 'WHITE'}白名单{#is 'RED'}红名单或等级 AA 及以上{#else}{t}{/when}")
    String tierName(String t);

    @Message("权重")
    String weight();

    @Message("企业数")
    String firms();

    @Message("企业占比")
    String shareOfFirms();

    @Message("预期抽查数")
    String expected();

    @Message("已抽中")
    String drawn();

    @Message("已检查")
    String inspected();

    @Message("结果")
    String results();

    @Message("评价日")
    String day();

    @Message("种子")
    String seedShort();

    @Message("符合条件的企业")
    String eligible();

    @Message("企业")
    String firm();

    @Message("入样概率")
    String probability();

    @Message("抽中")
    String selected();

    @Message("是")
    String yes();

    @Message("否")
    String no();

    @Message("检查人员")
    String inspectorsShort();

    @Message("{#when o}{#is 'PASSED'}合格{#is 'FAILED'}不合格{#else}待录入{/when}")
    String outcome(String o);

    @Message("录入结果")
    String record();

    @Message("合格")
    String passed();

    @Message("不合格")
    String failed();

    @Message("发现的问题（不合格时必填，将在信用公示中公开）")
    String findings();

    @Message("一般")
    String general();

    @Message("严重")
    String serious();

    @Message("各档抽查数与企业占比")
    String chartTitle();

    @Message("抽查占比")
    String inspectionShare();

    @Message("查看")
    String show();

    @Message("园区代码（不填为第一个园区）")
    String parkCodeHint();
}
