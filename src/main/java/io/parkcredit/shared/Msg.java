package io.parkcredit.shared;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the browser pages: Chinese first (zh-CN, here), English in
 * {@code messages/msg_en.properties}. Templates use them as {@code {msg:navEnterprises}}.
 */
@MessageBundle(value = "msg", locale = "zh-CN")
public interface Msg {

    @Message("园区信用通")
    String appName();

    @Message("园区企业信用登记与画像")
    String appTagline();

    @Message("企业列表")
    String navEnterprises();

    @Message("数据导入")
    String navImport();

    @Message("审计日志")
    String navAudit();

    @Message("用户管理")
    String navUsers();

    @Message("退出登录")
    String logout();

    @Message("中文")
    String langZh();

    @Message("English")
    String langEn();

    @Message("登录")
    String loginTitle();

    @Message("用户名")
    String username();

    @Message("密码")
    String password();

    @Message("登录")
    String signIn();

    @Message("用户名或密码错误，请重试。")
    String loginError();

    @Message("企业列表")
    String enterprisesTitle();

    @Message("企业名称或统一社会信用代码前缀")
    String searchPlaceholder();

    @Message("行业代码")
    String industry();

    @Message("如 C35")
    String industryPlaceholder();

    @Message("状态")
    String status();

    @Message("园区内")
    String inPark();

    @Message("全部")
    String all();

    @Message("是")
    String yes();

    @Message("否")
    String no();

    @Message("查询")
    String search();

    @Message("重置")
    String reset();

    @Message("统一社会信用代码")
    String colUscc();

    @Message("企业名称")
    String colName();

    @Message("成立日期")
    String colRegisteredOn();

    @Message("行业")
    String colIndustry();

    @Message("注册资本（元）")
    String colCapital();

    @Message("员工人数")
    String colEmployees();

    @Message("上一页")
    String prev();

    @Message("下一页")
    String next();

    @Message("没有符合条件的记录。")
    String noResults();

    @Message("登记信息")
    String registration();

    @Message("联系人")
    String contact();

    @Message("地址")
    String address();

    @Message("专利")
    String patents();

    @Message("软件著作权")
    String softwareCopyrights();

    @Message("园区外（招商对象）")
    String prospect();

    @Message("园区企业")
    String parkFirm();

    @Message("信用画像")
    String portrait();

    @Message("履约")
    String performance();

    @Message("贷款履约情况")
    String performanceHint();

    @Message("贷款笔数")
    String loansCount();

    @Message("在贷笔数")
    String openLoans();

    @Message("欠贷笔数")
    String inArrears();

    @Message("最长逾期天数")
    String maxOverdue();

    @Message("逾期超30天")
    String over30();

    @Message("在贷余额（元）")
    String outstanding();

    @Message("按期结清率")
    String onTimeRatio();

    @Message("贷款机构")
    String lender();

    @Message("贷款编号")
    String loanNo();

    @Message("本金（元）")
    String principal();

    @Message("发放日")
    String startDate();

    @Message("到期日")
    String dueDate();

    @Message("结清日")
    String settledOn();

    @Message("逾期天数")
    String overdueDays();

    @Message("状态")
    String loanState();

    @Message("欠贷")
    String loanArrears();

    @Message("已结清")
    String loanSettled();

    @Message("正常")
    String loanOpen();

    @Message("合规")
    String compliance();

    @Message("在计负面记录、修复与正面记录")
    String complianceHint();

    @Message("在计负面记录")
    String negativeCounting();

    @Message("已修复")
    String repaired();

    @Message("正面记录")
    String positive();

    @Message("日期")
    String occurredOn();

    @Message("类型")
    String eventType();

    @Message("严重程度")
    String severity();

    @Message("标题")
    String title();

    @Message("来源")
    String source();

    @Message("修复日")
    String repairedOn();

    @Message("在计")
    String counting();

    @Message("经营")
    String operations();

    @Message("年度财务与近24个月收支流水")
    String operationsHint();

    @Message("营业收入")
    String revenue();

    @Message("净利润")
    String netProfit();

    @Message("经营现金流")
    String operatingCashFlow();

    @Message("年度经营指标（元）")
    String opsChart();

    @Message("近24个月收支流水（元）")
    String flowsChart();

    @Message("流入")
    String inflow();

    @Message("流出")
    String outflow();

    @Message("信用时间轴")
    String timeline();

    @Message("您的角色无权查看该企业的贷款、信用记录和财务数据。")
    String noPrivateData();

    @Message("暂无贷款记录。")
    String noLoans();

    @Message("暂无信用记录。")
    String noEvents();

    @Message("暂无财务报表。")
    String noStatements();

    @Message("暂无记录。")
    String noTimeline();

    @Message("返回企业列表")
    String backToList();

    @Message("数据导入")
    String importTitle();

    @Message("上传数据包：CSV 文件的 .zip 压缩包，或同名工作表的 .xlsx。整包校验，有任何错误则不导入。")
    String importHint();

    @Message("数据包文件（.zip 或 .xlsx）")
    String bundleFile();

    @Message("仅校验，不写入")
    String dryRun();

    @Message("上传并导入")
    String upload();

    @Message("请选择要上传的文件。")
    String chooseFile();

    @Message("导入成功。")
    String importOk();

    @Message("校验通过，未写入任何数据。")
    String dryRunOk();

    @Message("文件")
    String colFile();

    @Message("行数")
    String rows();

    @Message("新增")
    String inserted();

    @Message("更新")
    String updated();

    @Message("未变")
    String unchanged();

    @Message("已忽略的条目（不是数据包文件）")
    String ignoredEntries();

    @Message("数据包被拒绝，未导入任何数据。")
    String rejected();

    @Message("行号")
    String colLine();

    @Message("列")
    String colColumn();

    @Message("原因")
    String colMessage();

    @Message("生成演示园区")
    String demoTitle();

    @Message("生成一批虚构企业及其贷款、信用记录、报表和流水，并按普通数据包导入。")
    String demoHint();

    @Message("企业数")
    String demoFirms();

    @Message("生成并导入")
    String demoGenerate();

    @Message("审计日志")
    String auditTitle();

    @Message("操作人")
    String actor();

    @Message("对象类型")
    String targetType();

    @Message("对象标识")
    String targetKey();

    @Message("时间")
    String at();

    @Message("操作")
    String action();

    @Message("详情")
    String detail();

    @Message("原因")
    String reason();

    @Message("筛选")
    String filter();

    @Message("用户管理")
    String usersTitle();

    @Message("新建用户")
    String createUser();

    @Message("角色")
    String role();

    @Message("机构代码")
    String institutionCode();

    @Message("创建时间")
    String createdAt();

    @Message("创建")
    String create();

    @Message("企业用户必填")
    String usccHint();

    @Message("银行、担保公司用户必填")
    String institutionHint();

    @Message("字段")
    String field();

    @Message("第 {page} / {pages} 页")
    String pageOf(int page, int pages);

    @Message("共 {total} 条")
    String totalRecords(long total);

    @Message("共 {total} 处错误")
    String errorTotal(long total);

    @Message("以下列出前 {shown} 处。")
    String errorsShown(int shown);

    @Message("截至 {date}")
    String asOf(java.time.LocalDate date);

    @Message("已创建用户 {name}。")
    String userCreated(String name);

    @Message("{roleName.label}")
    String roleName(io.parkcredit.security.Role roleName);

    @Message("{enterpriseStatus.label}")
    String enterpriseStatus(io.parkcredit.enterprise.EnterpriseStatus enterpriseStatus);

    @Message("{severityName.label}")
    String severityName(io.parkcredit.enterprise.Severity severityName);

    @Message("{eventTypeName.label}")
    String eventTypeName(io.parkcredit.enterprise.EventType eventTypeName);

    @Message("信用分类")
    String navClassification();

    @Message("名单公示")
    String navPublished();

    @Message("园区金融信用红白黄名单")
    String classificationTitle();

    @Message("年度")
    String year();

    @Message("查看")
    String show();

    @Message("上一年")
    String prevYear();

    @Message("下一年")
    String nextYear();

    @Message("分类规则参数")
    String rulesLink();

    @Message("运行分类")
    String runClassification();

    @Message("按当前规则对园区内全部企业分类，结果为草稿，发布后生效。")
    String runHint();

    @Message("分类版本")
    String runsTitle();

    @Message("版本")
    String colVersion();

    @Message("规则版本")
    String colRuleSet();

    @Message("合计")
    String colTotal();

    @Message("运行人 / 时间")
    String colRunBy();

    @Message("发布人 / 时间")
    String colPublishedBy();

    @Message("本年度尚未运行分类。")
    String noRuns();

    @Message("各名单企业数")
    String listsChart();

    @Message("与上一年度已发布名单相比的流向")
    String flowsChartTitle();

    @Message("未参评")
    String notClassified();

    @Message("较上一年度变动的企业")
    String movedTitle();

    @Message("上一年度")
    String colFrom();

    @Message("本年度")
    String colTo();

    @Message("没有变动的企业。")
    String noMoves();

    @Message("上一年度没有已发布的名单，无可比较。")
    String noPreviousYear();

    @Message("评价日")
    String evaluationDay();

    @Message("草稿")
    String statusDraft();

    @Message("已发布")
    String statusPublished();

    @Message("已被替代")
    String statusSuperseded();

    @Message("返回年度总览")
    String backToOverview();

    @Message("名单")
    String filterList();

    @Message("企业名称或统一社会信用代码")
    String searchFirm();

    @Message("发布")
    String publish();

    @Message("发布后名单不可修改；如有更正，须重新运行并发布新版本。")
    String publishHint();

    @Message("未能发布")
    String publishFailed();

    @Message("确认发布")
    String confirmPublishTitle();

    @Message("发布后名单即生效且不可修改，黄名单企业将通报各银行和成员单位。请核对各名单数量和变动后确认。")
    String confirmPublishHint();

    @Message("本版本")
    String colThisDraft();

    @Message("当前已发布版本")
    String colPublishedNow();

    @Message("上一年度已发布")
    String colPreviousYear();

    @Message("与被替换版本相比名单变动的企业：{count} 家")
    String movesOnPublish(long count);

    @Message("与上一年度名单相比变动的企业：{count} 家")
    String movesSincePreviousYear(long count);

    @Message("确认发布")
    String publishNow();

    @Message("取消")
    String cancel();

    @Message("导出 CSV")
    String exportCsv();

    @Message("导出 Excel")
    String exportXlsx();

    @Message("与被替代版本相比变动的企业")
    String transitionsTitle();

    @Message("名单")
    String colList();

    @Message("决定条款")
    String colReasons();

    @Message("分类依据")
    String firmCardTitle();

    @Message("条款")
    String colClause();

    @Message("结果")
    String colResult();

    @Message("依据")
    String colDetail();

    @Message("符合")
    String passed();

    @Message("不符合")
    String failed();

    @Message("查看企业画像")
    String viewProfile();

    @Message("返回分类结果")
    String backToRun();

    @Message("分类规则参数")
    String rulesTitle();

    @Message("当前版本")
    String currentVersion();

    @Message("修改原因")
    String ruleNote();

    @Message("必填，写明依据的文件或会议")
    String ruleNoteHint();

    @Message("保存为新版本")
    String saveRules();

    @Message("监管部门可查看规则参数，修改由园区管委会进行。")
    String rulesReadOnly();

    @Message("参数有误，未保存。")
    String rulesInvalid();

    @Message("版本历史")
    String historyTitle();

    @Message("名单公示")
    String publishedTitle();

    @Message("红名单推荐企业")
    String redRecommend();

    @Message("红名单企业向各银行推荐，可优先发放信用贷款。")
    String redNote();

    @Message("无贷客户融资培育库")
    String whitePool();

    @Message("白名单企业暂无贷款，纳入培育库，供银行主动对接。")
    String whiteNote();

    @Message("收到的名单通知")
    String noticesTitle();

    @Message("类型")
    String colKind();

    @Message("暂无通知。")
    String noNotices();

    @Message("本企业名单情况")
    String ownTitle();

    @Message("尚未参评")
    String notYetRated();

    @Message("本企业尚未出现在已发布的年度名单中。")
    String notYetRatedHint();

    @Message("尚无已发布的名单。")
    String noPublished();

    @Message("您的角色不查看红白黄名单。")
    String publishedForbidden();

    @Message("{year} 年度 · 第 {version} 版")
    String yearVersion(int year, int version);

    @Message("已保存为第 {version} 版。")
    String rulesSaved(int version);

    @Message("红名单")
    String listRed();

    @Message("白名单")
    String listWhite();

    @Message("黄名单")
    String listYellow();

    @Message("未列入")
    String listNone();

    @Message("{clauseName.label}")
    String clauseName(io.parkcredit.classification.ClauseName clauseName);

    @Message("{ruleLabel.label}")
    String ruleLabel(io.parkcredit.classification.RuleField ruleLabel);

    @Message("{ruleMeaning.meaning}")
    String ruleMeaning(io.parkcredit.classification.RuleField ruleMeaning);

    @Message("信用招商")
    String navScreening();

    @Message("信用招商筛选")
    String screeningTitle();

    @Message("在园区外的招商对象中排除失信、严重违法、近3年有严重失信记录等高风险企业，其余按 TOPSIS 综合评分排序。")
    String screeningIntro();

    @Message("产业链图谱")
    String chainMapLink();

    @Message("筛选指标与权重")
    String criteriaTitle();

    @Message("采用")
    String colUse();

    @Message("指标")
    String colCriterion();

    @Message("方向")
    String colDirection();

    @Message("口径")
    String colDefinition();

    @Message("权重")
    String colWeight();

    @Message("越大越好")
    String directionBenefit();

    @Message("越小越好")
    String directionCost();

    @Message("赋权方法")
    String weightingMethod();

    @Message("组合赋权（熵权 + 专员权重）")
    String weightingBLEND();

    @Message("熵权法")
    String weightingENTROPY();

    @Message("专员权重")
    String weightingMANUAL();

    @Message("排名条数")
    String limitLabel();

    @Message("开始筛选")
    String runScreening();

    @Message("筛选条件有误，请修改标出的字段。")
    String screeningInvalid();

    @Message("已保存的筛选")
    String savedScreenings();

    @Message("尚无筛选记录。")
    String noScreenings();

    @Message("筛选")
    String colScreening();

    @Message("创建时间")
    String colCreated();

    @Message("创建人")
    String colCreatedBy();

    @Message("指标数")
    String colCriteriaCount();

    @Message("条数")
    String colLimit();

    @Message("候选对象")
    String colCandidates();

    @Message("已排除")
    String colExcluded();

    @Message("筛选结果")
    String screeningResultTitle();

    @Message("数据日期")
    String asOfLabel();

    @Message("按保存的筛选参数以当前数据重新计算，不另存新筛选。")
    String resultRecomputed();

    @Message("采用的权重")
    String weightsUsed();

    @Message("前20名各指标贡献")
    String contributionsTitle();

    @Message("排名")
    String rankedTitle();

    @Message("没有可排名的招商对象。")
    String noRanked();

    @Message("名次")
    String colRank();

    @Message("综合得分")
    String colScore();

    @Message("已排除的对象")
    String excludedTitle();

    @Message("没有被排除的对象。")
    String noExcluded();


    @Message("加入短名单")
    String addToShortlist();

    @Message("备注")
    String shortlistNote();

    @Message("已在短名单")
    String onShortlist();

    @Message("短名单")
    String shortlistTitle();

    @Message("短名单为空。")
    String noShortlist();

    @Message("移出")
    String removeFromShortlist();



    @Message("添加人")
    String colAddedBy();

    @Message("产业链图谱")
    String chainsTitle();

    @Message("每个环节按行业代码前缀归集园区企业；缺口 = 1/(1+Σ园区企业信用分/100)，越接近1越缺。")
    String chainsIntro();

    @Message("环节")
    String colSegment();

    @Message("阶段")
    String colStage();

    @Message("行业代码")
    String colIndustryCodes();

    @Message("园区企业")
    String colParkFirms();

    @Message("强度")
    String colStrength();

    @Message("缺口")
    String colGap();

    @Message("上游")
    String stageUPSTREAM();

    @Message("中游")
    String stageMIDSTREAM();

    @Message("下游")
    String stageDOWNSTREAM();

    @Message("家")
    String firmsUnit();

    @Message("编辑产业链图谱")
    String editChainMap();

    @Message("图谱 JSON（整张图谱替换）")
    String chainMapJson();

    @Message("修改原因")
    String chainMapReason();

    @Message("保存图谱")
    String saveChainMap();

    @Message("产业链图谱已保存。")
    String chainMapSaved();

    @Message("图谱未保存：")
    String chainMapInvalid();

    @Message("返回信用招商")
    String backToScreening();

    @Message("排除原因")
    String colExcludeReasons();

    @Message("{criterionLabel.label}")
    String criterionLabel(io.parkcredit.screening.ScreeningCriterion criterionLabel);

    /** What a screening criterion measures. */
    @Message("{#when criterionDefinition}{#is CREDIT}有效信用等级的评分；无有效等级时为 60 ± 信用事件与最近利润率（0..100）{#is CHAIN_FIT}所属产业链环节中最大的缺口 1/(1+Σ 园区实力)；不在产业链中为 0{#is REVENUE}最近一期财务报表营业收入（元）{#is ASSETS}最近一期财务报表资产总额（元）{#is EMPLOYEES}登记的员工人数{#is GROWTH}各年度营业收入最小二乘斜率 ÷ 平均营业收入（每年）；不足 2 年为 0{#is INNOVATION}专利 + 软件著作权 + 100 × 研发费用 / 营业收入（最近一年）{#is RISK}近 3 年负面记录计数，严重计 3、一般计 2、轻微计 1{/when}")
    String criterionDefinition(io.parkcredit.screening.ScreeningCriterion criterionDefinition);
}
