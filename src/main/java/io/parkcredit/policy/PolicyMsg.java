package io.parkcredit.policy;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The policy pages (DOMAIN.md §10.2); English in {@code messages/pol_en.properties}. */
@MessageBundle(value = "pol", locale = "zh-CN")
public interface PolicyMsg {

    @Message("惠企政策")
    String nav();

    @Message("我的政策")
    String navMine();

    @Message("惠企政策与精准推送")
    String title();

    @Message("新建政策")
    String newPolicy();

    @Message("政策名称")
    String policyTitle();

    @Message("类别")
    String kind();

    @Message("{#when k}{#is 'SUBSIDY'}补贴{#is 'INTEREST_DISCOUNT'}贴息{#is 'GUARANTEE_FEE'}担保费补助{#is 'RENT'}租金减免{#is 'TALENT'}人才{#is 'OTHER'}其他{#else}{k}{/when}")
    String kindName(String k);

    @Message("生效日")
    String validFrom();

    @Message("截止日")
    String validTo();

    @Message("支持内容")
    String benefit();

    @Message("申请条件")
    String eligibility();

    @Message("名单（红、白、未列入，逗号分隔的代码）")
    String lists();

    @Message("最低信用等级")
    String minGrade();

    @Message("行业代码前缀（逗号分隔）")
    String industries();

    @Message("营业收入下限（元）")
    String revenueMin();

    @Message("营业收入上限（元）")
    String revenueMax();

    @Message("从业人数下限")
    String employeesMin();

    @Message("从业人数上限")
    String employeesMax();

    @Message("成立年限不少于")
    String minYears();

    @Message("近几个月内无在计严重失信")
    String noSeriousMonths();

    @Message("保存草稿")
    String create();

    @Message("还没有政策。")
    String none();

    @Message("状态")
    String status();

    @Message("{#when s}{#is 'DRAFT'}草稿{#is 'PUBLISHED'}已发布{#else}{s}{/when}")
    String statusName(String s);

    @Message("符合条件的企业")
    String matches();

    @Message("发布并推送")
    String publish();

    @Message("暂无符合条件的企业。")
    String noMatches();

    @Message("企业")
    String firm();

    @Message("逐条说明")
    String clauses();

    @Message("{#when c}{#is 'NOT_YELLOW'}不在黄名单{#is 'LIST'}名单{#is 'MIN_GRADE'}信用等级{#is 'INDUSTRY'}行业{#is 'REVENUE'}营业收入{#is 'EMPLOYEES'}从业人数{#is 'YEARS_REGISTERED'}成立日期{#is 'NO_SERIOUS'}最近严重失信记录{#else}{c}{/when}")
    String clauseName(String c);

    @Message("{#when l}{#is 'RED'}红名单{#is 'WHITE'}白名单{#is 'YELLOW'}黄名单{#is 'NONE'}未列入{#else}{l}{/when}")
    String listName(String l);

    @Message("目前没有与您企业匹配的政策。")
    String noneForMe();

    @Message("申请")
    String apply();

    @Message("{#when s}{#is 'APPLIED'}已申请，待园区审核{#is 'APPROVED'}已批准{#is 'REJECTED'}未获批准{#else}{s}{/when}")
    String applicationName(String s);

    @Message("政策申请审核")
    String applicationsTitle();

    @Message("企业提交的政策申请，附申请时逐条匹配结果；园区审核后批准或驳回，须写明理由。")
    String applicationsNote();

    @Message("申请审核")
    String applicationsLink();

    @Message("全部政策")
    String allPolicies();

    @Message("全部状态")
    String allStatuses();

    @Message("筛选")
    String filter();

    @Message("重置")
    String reset();

    @Message("暂无申请。")
    String noApplications();

    @Message("申请时的逐条匹配")
    String clausesWhenApplied();

    @Message("申请于")
    String appliedAt();

    @Message("该企业在申请后已不再符合条件，匹配已失效；申请仍按其情况审核。")
    String lapsedNote();

    @Message("{#when s}{#is 'APPLIED'}待审核{#is 'APPROVED'}已批准{#is 'REJECTED'}已驳回{#else}{s}{/when}")
    String decisionName(String s);

    @Message("审核")
    String decision();

    @Message("理由")
    String reason();

    @Message("批准")
    String approve();

    @Message("驳回")
    String reject();

    @Message("园区")
    String park();

    @Message("园区代码（不填为第一个园区）")
    String parkCodeHint();
}
