package io.parkcredit.rating;

/**
 * What an indicator measures (DOMAIN.md §5). Financial ratios come from the fiscal year's statement
 * and the one before; counts from credit events and loans in the 36 months up to the evaluation
 * day; ONSITE from the evaluator's sheet.
 */
public enum Metric {
    REVENUE("营业收入（元）"),
    YEARS_IN_BUSINESS("持续经营年数"),
    EQUITY_CHANGE("所有者权益变动率"),
    IP_COUNT("专利与软件著作权件数"),
    RD_RATIO("研发费用 ÷ 营业收入"),
    QUALITY_FAILURES("三年内产品抽检不合格次数"),
    SAFETY_VIOLATIONS("三年内安全违法次数"),
    CREDIT_PRODUCTS("三年内使用的信贷产品笔数"),
    DEBT_TO_ASSET("负债总额 ÷ 资产总额"),
    INTEREST_COVER("（营业利润 + 利息支出）÷ 利息支出"),
    QUICK_RATIO("（流动资产 − 存货）÷ 流动负债"),
    CASH_FLOW_TO_CURRENT_LIABILITIES("经营现金净流量 ÷ 流动负债"),
    ASSET_TURNOVER("营业收入 ÷ 平均资产总额"),
    RECEIVABLE_TURNOVER("营业收入 ÷ 平均应收账款"),
    CURRENT_ASSET_TURNOVER("营业收入 ÷ 平均流动资产"),
    CASH_RECOVERY("经营现金净流量 ÷ 平均资产总额"),
    ROE("净利润 ÷ 平均净资产"),
    ROA("（营业利润 + 利息支出）÷ 平均资产总额"),
    SALES_MARGIN("营业利润 ÷ 营业收入"),
    COST_EXPENSE_MARGIN("营业利润 ÷ 营业成本"),
    CAPITAL_RETURN("净利润 ÷ 注册资本"),
    SALES_GROWTH("营业收入增长率"),
    CAPITAL_MAINTENANCE("期末净资产 ÷ 期初净资产"),
    PROFIT_GROWTH("营业利润增长率"),
    ASSET_GROWTH("资产总额增长率"),
    CONTRACT_FULFILMENT("履约合同额 ÷ 签订合同额"),
    ADMIN_PENALTIES("三年内行政处罚次数"),
    LAWSUITS("三年内诉讼被告与失信被执行次数"),
    COMPLAINTS("三年内消费者投诉次数"),
    TAX_GRADE("最近纳税信用等级（A=4 … D=0）"),
    HONORS("三年内荣誉表彰次数"),
    BAD_LOANS("三年内逾期 90 天以上的贷款笔数"),
    CHARITY("三年内公益慈善次数"),
    WAGE_ARREARS("三年内拖欠工资次数"),
    SOCIAL_INSURANCE_ARREARS("三年内欠缴社保次数"),
    ONSITE("评价机构现场评分");

    private final String definition;

    Metric(String definition) {
        this.definition = definition;
    }

    public String definition() {
        return definition;
    }
}
