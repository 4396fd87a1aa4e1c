package io.parkcredit.backtest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The back-test page (DOMAIN.md §10.4); English in {@code messages/bt_en.properties}. */
@MessageBundle(value = "bt", locale = "zh-CN")
public interface BacktestMsg {

    @Message("信用回测")
    String nav();

    @Message("信用回测 {year}")
    String title(int year);

    @Message("评价日 {day} 的信用等级与名单，对照 {next} 年的结果：当年出现逾期 90 天以上的贷款、新的在计严重失信记录，或列入 {next} 年黄名单，即为“坏”。")
    String intro(String day, int next);

    @Message("年度")
    String year();

    @Message("查看")
    String show();

    @Message("导出 CSV")
    String export();

    @Message("企业数")
    String firms();

    @Message("有评分")
    String scored();

    @Message("坏样本")
    String bad();

    @Message("坏样本率")
    String badRate();

    @Message("AUC（好企业得分高于坏企业的概率）")
    String auc();

    @Message("KS")
    String ks();

    @Message("PSI（与 {prev} 年等级分布相比）")
    String psi(int prev);

    @Message("单调性")
    String monotonic();

    @Message("等级越高坏样本率越低")
    String monotonicYes();

    @Message("不单调：{grades}")
    String monotonicNo(String grades);

    @Message("无法计算")
    String undefined();

    @Message("各信用等级")
    String byGrade();

    @Message("各名单")
    String byList();

    @Message("等级")
    String grade();

    @Message("名单")
    String list();

    @Message("{#when l}{#is 'RED'}红名单{#is 'WHITE'}白名单{#is 'YELLOW'}黄名单{#is 'NONE'}未列入{#else}{l}{/when}")
    String listName(String l);

    @Message("各等级坏样本率")
    String badRateChart();

    @Message("ROC 曲线")
    String rocChart();

    @Message("KS 曲线")
    String ksChart();

    @Message("误报率（好企业）")
    String falseAlarms();

    @Message("命中率（坏企业）")
    String hits();

    @Message("坏企业累计占比")
    String badCumulative();

    @Message("好企业累计占比")
    String goodCumulative();

    @Message("评分")
    String score();

    @Message("该年度没有有效的信用等级或已发布的名单。")
    String empty();

    @Message("等级取评价日有效的已发布信用等级，否则取该年度的园区年审评分；名单取该年度已发布的版本。PSI 低于 0.1 表示分布稳定，0.1–0.25 需关注，高于 0.25 表示显著变化。")
    String method();
}
