package io.parkcredit.credit;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the commitment, objection, repair and publicity pages (DOMAIN.md §8), and the reasons
 * of {@link CreditRules} by code: Chinese first (zh-CN, here), English in
 * {@code messages/credit_en.properties}. Templates use them as {@code {credit:title}}.
 */
@MessageBundle(value = "credit", locale = "zh-CN")
public interface CreditMsg {

    @Message("、")
    String itemSep();

    @Message("信用修复")
    String nav();

    @Message("信用承诺、异议与修复")
    String title();

    @Message("信用公示")
    String publicityTitle();

    @Message("公示园区金融信用红名单、有效信用等级、公示期内的失信记录、公开的信用承诺，以及双随机抽查的计划、抽中企业和结果（只列检查单位，不列检查人员）。不含任何企业的非公开信息。")
    String publicityNote();

    @Message("公示日期")
    String day();

    @Message("类别")
    String kind();

    @Message("企业名称或统一社会信用代码")
    String query();

    @Message("查询")
    String search();

    @Message("重置")
    String reset();

    @Message("全部")
    String all();

    @Message("企业")
    String firm();

    @Message("公示依据")
    String basis();

    @Message("自")
    String from();

    @Message("至")
    String until();

    @Message("没有符合条件的公示信息")
    String noEntries();

    @Message("{#when kind}{#is 'RED_LIST'}红名单{#is 'RATING'}信用等级{#is 'NEGATIVE_RECORD'}失信记录{#is 'COMMITMENT'}信用承诺{#is 'INSPECTION_PLAN'}抽查计划{#is 'INSPECTION'}抽查对象{#is 'INSPECTION_RESULT'}抽查结果{#else}{kind}{/when}")
    String entryKind(String kind);

    @Message("登录")
    String signIn();

    @Message("失信记录与修复")
    String recordsTitle();

    @Message("记录")
    String record();

    @Message("严重程度")
    String severity();

    @Message("发生日期")
    String occurredOn();

    @Message("公示截止")
    String publishedUntil();

    @Message("可申请修复日")
    String firstRepairDay();

    @Message("状态")
    String status();

    @Message("没有失信记录")
    String noRecords();

    @Message("{#when severity}{#is 'MINOR'}轻微{#is 'GENERAL'}一般{#is 'SERIOUS'}严重{#else}{severity}{/when}")
    String severityName(String severity);

    @Message("公示中")
    String published();

    @Message("已修复（{on}）")
    String repairedOn(String on);

    @Message("计入信用评价")
    String counts();

    @Message("异议处理中")
    String underObjection();

    @Message("附件（PDF、PNG 或 JPEG，每个不超过 1 MB）")
    String files();

    @Message("{year} 年度财务报表有异议正在处理，图表仍按现有数据显示")
    String statementUnderObjection(int year);

    @Message("本评级申请或其所依据的信用记录、贷款、财务报表有异议正在处理")
    String ratingUnderObjection();

    @Message("该因素所依据的名单或信用等级有异议正在处理")
    String factorUnderObjection();

    @Message("不予公示")
    String notPublished();

    @Message("申请修复")
    String applyRepair();

    @Message("整改证明（每行一项）")
    String evidence();

    @Message("修复承诺")
    String repairCommitment();

    @Message("先签署修复承诺")
    String signRepairFirst();

    @Message("提交申请")
    String submit();

    @Message("修复申请")
    String repairsTitle();

    @Message("异议")
    String objectionsTitle();

    @Message("信用承诺")
    String commitmentsTitle();

    @Message("更正通知")
    String correctionsTitle();

    @Message("暂无")
    String none();

    @Message("提交日")
    String submittedOn();

    @Message("办理期限")
    String dueOn();

    @Message("已逾期")
    String overdue();

    @Message("决定")
    String decision();

    @Message("理由")
    String reason();

    @Message("批准")
    String approve();

    @Message("驳回")
    String reject();

    @Message("证明材料")
    String evidenceShort();

    @Message("{#when status}{#is 'SUBMITTED'}已提交{#is 'VERIFYING'}核实中{#is 'CORRECTED'}已更正{#is 'REVOKED'}已撤销{#is 'UPHELD'}维持原记录{#is 'APPROVED'}已批准{#is 'REJECTED'}已驳回{#is 'OPEN'}履行中{#is 'FULFILLED'}已履行{#is 'BREACHED'}已违诺{#else}{status}{/when}")
    String statusName(String status);

    @Message("{#when kind}{#is 'APPLICATION'}证明事项告知承诺{#is 'LICENSE'}涉企经营许可告知承诺{#is 'RATING'}评价承诺书{#is 'REPAIR'}修复承诺{#is 'LAND'}标准地承诺{#is 'VOLUNTARY'}主动承诺{#else}{kind}{/when}")
    String commitmentKind(String kind);

    @Message("{#when level}{#is 'EXEMPT'}免于核查{#is 'DESK'}书面核查{#is 'ON_SITE'}现场核查{#else}{level}{/when}")
    String verification(String level);

    @Message("{#when type}{#is 'CREDIT_EVENT'}信用记录{#is 'LOAN'}贷款{#is 'FINANCIAL_STATEMENT'}财务报表{#is 'CLASSIFICATION'}名单结果{#is 'RATING'}评价结果{#else}{type}{/when}")
    String itemType(String type);

    @Message("签署承诺")
    String sign();

    @Message("承诺事项")
    String matter();

    @Message("承诺内容")
    String text();

    @Message("履行期限")
    String due();

    @Message("公开承诺")
    String isPublic();

    @Message("核查方式")
    String verificationTitle();

    @Message("核查结果")
    String outcome();

    @Message("已履行")
    String fulfilled();

    @Message("违背承诺")
    String breached();

    @Message("虚假承诺")
    String falseStatement();

    @Message("说明")
    String note();

    @Message("提出异议")
    String object();

    @Message("异议对象")
    String item();

    @Message("编号")
    String itemRef();

    @Message("转来源单位核实")
    String refer();

    @Message("来源单位")
    String referredTo();

    @Message("更正")
    String corrected();

    @Message("撤销该项")
    String revoked();

    @Message("维持")
    String upheld();

    @Message("更正字段（数据包字段名=值，每行一项）")
    String correction();

    @Message("通知对象")
    String recipient();

    @Message("时间")
    String at();

    @Message("内容")
    String detail();

    @Message("查看企业")
    String openFirm();

    @Message("统计")
    String statsTitle();

    @Message("待办")
    String backlog();

    @Message("逾期")
    String overdueCount();

    @Message("已办结")
    String decided();

    @Message("平均办理工作日")
    String meanDays();

    @Message("修复批准率")
    String repairRate();

    @Message("近12个月")
    String months();

    @Message("异议")
    String seriesObjections();

    @Message("修复申请")
    String seriesRepairs();

    @Message("批准修复")
    String seriesApproved();

    @Message("{#when who}{#is 'FIRM'}企业{#is 'INSTITUTION'}金融机构{#is 'MEMBER_UNIT'}成员单位{#else}{who}{/when}")
    String recipientKind(String who);

    @Message("{#when cause}{#is 'REPAIR'}信用修复{#is 'OBJECTION'}异议处理{#is 'REVOCATION'}撤销修复{#else}{cause}{/when}")
    String cause(String cause);

    // ---- reasons (CreditRules), by code

    @Message("{ref} 不是失信记录")
    String repairNotNegative(String ref);

    @Message("{ref} 为失信被执行人信息，由法院信息更新，园区不受理修复")
    String repairDishonestDebtor(String ref);

    @Message("{ref} 为轻微失信，不予公示，无需修复")
    String repairMinor(String ref);

    @Message("{ref} 已于 {repairedOn} 修复")
    String repairAlreadyRepaired(String ref, String repairedOn);

    @Message("{ref} 已有修复申请在办理中")
    String repairOpen(String ref);

    @Message("最短公示期未满，{firstDay} 起可申请修复")
    String repairTooEarly(String ref, String firstDay, String severity);

    @Message("修复申请于 {rejectedOn} 被驳回，{firstDay} 起可重新申请")
    String repairReapplyBar(String ref, String firstDay, String rejectedOn);

    @Message("{items}")
    String repairRefused(String items);

    @Message("不适用告知承诺制：{items}")
    String notificationRefused(String items);

    @Message("存在在计的严重失信记录 {ref}")
    String refusedSerious(String ref);

    @Message("在 {year} 年度黄名单中")
    String refusedYellow(String year);

    @Message("虚假承诺 {commitment} 尚未修复")
    String refusedFalseCommitment(String commitment);

    @Message("红名单企业")
    String tierRed();

    @Message("有效信用等级 {grade}")
    String tierGoodGrade(String grade);

    @Message("存在在计的一般失信记录 {ref}")
    String tierGeneralRecord(String ref);

    @Message("信用等级 {grade}")
    String tierPoorGrade(String grade);

    @Message("信用状况一般")
    String tierDesk();
}
