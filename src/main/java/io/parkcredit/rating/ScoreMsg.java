package io.parkcredit.rating;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The score sheet of a rating in the reader's language: indicator and group names of the default model
 * ({@code ind<code>}, {@code grp<code>}), metric definitions ({@code metric<METRIC>}), statement figures
 * ({@code fig<Name>}) and one message per reason code of {@link Scorer} and {@link Ratios}; English in
 * {@code messages/score_en.properties}.
 */
@MessageBundle(value = "score", locale = "zh-CN")
public interface ScoreMsg {

    @Message("企业基础情况")
    String grpBasics();

    @Message("企业规模")
    String indQ01();

    @Message("持续经营年限")
    String indQ02();

    @Message("企业治理")
    String grpGovernance();

    @Message("企业规章制度")
    String indQ03();

    @Message("企业文化")
    String indQ04();

    @Message("股本金变动")
    String indQ05();

    @Message("企业创新")
    String grpInnovation();

    @Message("自主知识产权")
    String indQ06();

    @Message("研发投入")
    String indQ07();

    @Message("人力资源管理")
    String grpHr();

    @Message("管理层技术职称构成")
    String indM01();

    @Message("管理层本行业平均从业年限")
    String indM02();

    @Message("质量管理")
    String grpQualityMgmt();

    @Message("产品抽检结果")
    String indM03();

    @Message("质量管理体系")
    String indM04();

    @Message("安全管理")
    String grpSafetyMgmt();

    @Message("安全违法行为")
    String indM05();

    @Message("财务管理")
    String grpFinanceMgmt();

    @Message("财务规范运行")
    String indM06();

    @Message("风险管理")
    String grpRiskMgmt();

    @Message("信用产品使用")
    String indM07();

    @Message("偿债能力")
    String grpSolvency();

    @Message("资产负债率")
    String indF01();

    @Message("已获利息倍数")
    String indF02();

    @Message("速动比率")
    String indF03();

    @Message("现金流动负债比率")
    String indF04();

    @Message("获利能力（营运）")
    String grpOperation();

    @Message("总资产周转率")
    String indF05();

    @Message("应收账款周转率")
    String indF06();

    @Message("流动资产周转率")
    String indF07();

    @Message("资产现金回收率")
    String indF08();

    @Message("盈利能力")
    String grpProfitability();

    @Message("净资产收益率")
    String indF09();

    @Message("总资产报酬率")
    String indF10();

    @Message("销售（营业）利润率")
    String indF11();

    @Message("成本费用利润率")
    String indF12();

    @Message("资本收益率")
    String indF13();

    @Message("发展能力与合同履约")
    String grpGrowth();

    @Message("销售（营业）增长率")
    String indF14();

    @Message("资本保值增长率")
    String indF15();

    @Message("销售（营业）利润增长率")
    String indF16();

    @Message("总资产增长率")
    String indF17();

    @Message("合同履约率")
    String indF18();

    @Message("公共信用记录")
    String grpPublicRecord();

    @Message("行政处罚")
    String indI01();

    @Message("司法诉讼")
    String indI02();

    @Message("消费者投诉")
    String indI03();

    @Message("纳税信用等级")
    String indI04();

    @Message("荣誉和表彰")
    String indI05();

    @Message("金融信用记录")
    String grpFinancialRecord();

    @Message("不良笔数")
    String indI06();

    @Message("申报材料真实性情况")
    String grpTruthfulness();

    @Message("申报材料真实性")
    String indI07();

    @Message("参加社会公益或慈善活动")
    String grpCharity();

    @Message("参加社会公益或慈善活动")
    String indS01();

    @Message("维护职工权益")
    String grpEmployees();

    @Message("工资支付")
    String indS02();

    @Message("劳动合同签订情况")
    String indS03();

    @Message("社会保障情况")
    String indS04();

    @Message("公共安全")
    String grpPublicSafety();

    @Message("是否发生社会群体性事件")
    String indS05();

    @Message("是否发生其他危及公共安全的事件或事故")
    String indS06();

    @Message("营业收入（元）")
    String metricREVENUE();

    @Message("持续经营年数")
    String metricYEARS_IN_BUSINESS();

    @Message("所有者权益变动率")
    String metricEQUITY_CHANGE();

    @Message("专利与软件著作权件数")
    String metricIP_COUNT();

    @Message("研发费用 ÷ 营业收入")
    String metricRD_RATIO();

    @Message("三年内产品抽检不合格次数")
    String metricQUALITY_FAILURES();

    @Message("三年内安全违法次数")
    String metricSAFETY_VIOLATIONS();

    @Message("三年内使用的信贷产品笔数")
    String metricCREDIT_PRODUCTS();

    @Message("负债总额 ÷ 资产总额")
    String metricDEBT_TO_ASSET();

    @Message("（营业利润 + 利息支出）÷ 利息支出")
    String metricINTEREST_COVER();

    @Message("（流动资产 − 存货）÷ 流动负债")
    String metricQUICK_RATIO();

    @Message("经营现金净流量 ÷ 流动负债")
    String metricCASH_FLOW_TO_CURRENT_LIABILITIES();

    @Message("营业收入 ÷ 平均资产总额")
    String metricASSET_TURNOVER();

    @Message("营业收入 ÷ 平均应收账款")
    String metricRECEIVABLE_TURNOVER();

    @Message("营业收入 ÷ 平均流动资产")
    String metricCURRENT_ASSET_TURNOVER();

    @Message("经营现金净流量 ÷ 平均资产总额")
    String metricCASH_RECOVERY();

    @Message("净利润 ÷ 平均净资产")
    String metricROE();

    @Message("（营业利润 + 利息支出）÷ 平均资产总额")
    String metricROA();

    @Message("营业利润 ÷ 营业收入")
    String metricSALES_MARGIN();

    @Message("营业利润 ÷ 营业成本")
    String metricCOST_EXPENSE_MARGIN();

    @Message("净利润 ÷ 注册资本")
    String metricCAPITAL_RETURN();

    @Message("营业收入增长率")
    String metricSALES_GROWTH();

    @Message("期末净资产 ÷ 期初净资产")
    String metricCAPITAL_MAINTENANCE();

    @Message("营业利润增长率")
    String metricPROFIT_GROWTH();

    @Message("资产总额增长率")
    String metricASSET_GROWTH();

    @Message("履约合同额 ÷ 签订合同额")
    String metricCONTRACT_FULFILMENT();

    @Message("三年内行政处罚次数")
    String metricADMIN_PENALTIES();

    @Message("三年内诉讼被告与失信被执行次数")
    String metricLAWSUITS();

    @Message("三年内消费者投诉次数")
    String metricCOMPLAINTS();

    @Message("最近纳税信用等级（A=4 … D=0）")
    String metricTAX_GRADE();

    @Message("三年内荣誉表彰次数")
    String metricHONORS();

    @Message("三年内逾期 90 天以上的贷款笔数")
    String metricBAD_LOANS();

    @Message("三年内公益慈善次数")
    String metricCHARITY();

    @Message("三年内拖欠工资次数")
    String metricWAGE_ARREARS();

    @Message("三年内欠缴社保次数")
    String metricSOCIAL_INSURANCE_ARREARS();

    @Message("评价机构现场评分")
    String metricONSITE();

    @Message("负债总额")
    String figTotalLiabilities();

    @Message("资产总额")
    String figTotalAssets();

    @Message("营业利润")
    String figOperatingProfit();

    @Message("利息支出")
    String figInterestExpense();

    @Message("流动资产")
    String figCurrentAssets();

    @Message("流动负债")
    String figCurrentLiabilities();

    @Message("经营现金净流量")
    String figOperatingCashFlow();

    @Message("营业收入")
    String figRevenue();

    @Message("平均资产总额")
    String figAvgTotalAssets();

    @Message("平均应收账款")
    String figAvgReceivables();

    @Message("平均流动资产")
    String figAvgCurrentAssets();

    @Message("净利润")
    String figNetProfit();

    @Message("平均净资产")
    String figAvgEquity();

    @Message("营业成本")
    String figCostOfSales();

    @Message("注册资本")
    String figRegisteredCapital();

    @Message("期末净资产")
    String figClosingEquity();

    @Message("期初净资产")
    String figOpeningEquity();

    @Message("所有者权益")
    String figEquity();

    @Message("履约合同额")
    String figContractsFulfilled();

    @Message("签订合同额")
    String figContractsSigned();

    @Message("研发费用")
    String figRdExpense();

    @Message("成立日期")
    String figRegisteredOn();

    @Message("评价机构现场评分 {points} / {max}")
    String onsiteGiven(String points, String max);

    @Message("无现场评分，按模型默认 {share} 计")
    String onsiteDefault(String share);

    @Message("未现场评分")
    String onsiteNone();

    @Message("{item0}，按模型得 {share}")
    String undefinedScored(String item0, String share);

    @Message("无数据")
    String noData();

    @Message("{item0} = {value}；{item1}")
    String measured(String item0, String value, String item1);

    @Message("同行业（{group}）{count} 家中优于 {share}{#if median}，中位数 {median}{/if}")
    String peersInGroup(String group, String count, String share, String median);

    @Message("全园区{count} 家中优于 {share}{#if median}，中位数 {median}{/if}")
    String peersInPark(String count, String share, String median);

    @Message("现场评分")
    String onsiteRule();

    @Message("达到 ≥ {at} 档，得 {share}")
    String bandAtLeast(String at, String share);

    @Message("不超过 ≤ {at} 档，得 {share}")
    String bandAtMost(String at, String share);

    @Message("未达到任何得分档")
    String noBand();

    @Message("{zeroAt} 得零分、{fullAt} 得满分，线性得 {share}")
    String linear(String zeroAt, String fullAt, String share);

    @Message("平均净资产为负")
    String avgEquityNegative();

    @Message("期初净资产为负")
    String openingEquityNegative();

    @Message("无纳税信用等级记录")
    String noTaxGrade();

    @Message("缺少{item0}")
    String missing(String item0);

    @Message("缺少本年{item0}")
    String missingThisYear(String item0);

    @Message("缺少上年{item0}")
    String missingLastYear(String item0);

    @Message("上年{item0}为零")
    String zeroLastYear(String item0);

    @Message("{item0}为零")
    String zero(String item0);
}
