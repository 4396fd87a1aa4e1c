package io.parkcredit.financing;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the workbench pages (decision queue, limits, portfolio, offer costs): Chinese first
 * (zh-CN, here), English in {@code messages/wb_en.properties}. Templates use them as {@code {wb:queueTitle}}.
 */
@MessageBundle(value = "wb", locale = "zh-CN")
public interface WorkbenchMsg {

    @Message("决策队列")
    String queueTitle();

    @Message("资产组合")
    String portfolioTitle();

    @Message("授信限额")
    String limitsTitle();

    @Message("工作台")
    String links();

    @Message("卖方企业")
    String seller();

    @Message("债务人")
    String debtor();

    @Message("名单")
    String list();

    @Message("信用等级")
    String rating();

    @Message("行业")
    String industry();

    @Message("注册年限")
    String years();

    @Message("{n}年")
    String yearsValue(Integer n);

    @Message("应收金额")
    String amount();

    @Message("申请金额")
    String requested();

    @Message("期限（天）")
    String term();

    @Message("资产质量")
    String grade();

    @Message("得分")
    String score();

    @Message("领取截止")
    String pickup();

    @Message("剩余时间")
    String timeLeft();

    @Message("{h}小时{m}分")
    String minutesLeft(long h, long m);

    @Message("可用额度")
    String headroom();

    @Message("未设限额")
    String noLimit();

    @Message("超出限额")
    String overLimit();

    @Message("领取")
    String claim();

    @Message("暂无")
    String none();

    @Message("排序")
    String sort();

    @Message("方向")
    String dir();

    @Message("升序")
    String asc();

    @Message("降序")
    String desc();

    @Message("筛选")
    String filter();

    @Message("清除")
    String clear();

    @Message("不限")
    String any();

    @Message("应收金额不低于")
    String minAmount();

    @Message("应收金额不高于")
    String maxAmount();

    @Message("申请金额不低于")
    String minRequested();

    @Message("申请金额不高于")
    String maxRequested();

    @Message("期限不少于（天）")
    String minTerm();

    @Message("期限不超过（天）")
    String maxTerm();

    @Message("得分不低于")
    String minScore();

    @Message("注册年限不少于")
    String minYears();

    @Message("领取截止在（小时）内")
    String pickupWithin();

    @Message("行业代码（前缀）")
    String industryPrefix();

    @Message("卖方名单")
    String sellerList();

    @Message("债务人名单")
    String debtorList();

    @Message("保存的筛选")
    String savedFilters();

    @Message("名称")
    String filterName();

    @Message("保存当前筛选")
    String save();

    @Message("删除")
    String delete();

    @Message("{#when k}{#is 'POSTED'}发布时间{#is 'AMOUNT'}应收金额{#is 'REQUESTED'}申请金额{#is 'TERM'}期限{#is 'GRADE'}资产质量与得分{#is 'PICKUP'}领取截止{#is 'AGE'}注册年限{#is 'INDUSTRY'}行业{#else}{k}{/when}")
    String sortKey(String k);

    @Message("{#when l}{#is 'RED'}红名单{#is 'WHITE'}白名单{#is 'YELLOW'}黄名单{#is 'NONE'}未列入{#else}{l}{/when}")
    String creditList(String l);

    @Message("{#when k}{#is 'TOTAL'}总限额{#is 'DEBTOR'}单一债务人{#is 'SELLER'}单一卖方{#is 'INDUSTRY'}行业{#else}{k}{/when}")
    String limitKind(String k);

    @Message("担保")
    String guarantee();

    @Message("担保机构")
    String guarantor();

    @Message("保函编号")
    String letterNo();

    @Message("担保金额")
    String guaranteeAmount();

    @Message("年化担保费率（%）")
    String feeRate();

    @Message("类型")
    String kind();

    @Message("对象")
    String subject();

    @Message("债务人或卖方的统一社会信用代码，或行业代码前缀；总限额留空")
    String subjectHint();

    @Message("限额")
    String limit();

    @Message("占用")
    String outstanding();

    @Message("版本")
    String version();

    @Message("设定人")
    String setBy();

    @Message("设定时间")
    String setAt();

    @Message("原因")
    String reason();

    @Message("原限额")
    String previous();

    @Message("已取消")
    String removed();

    @Message("设定限额")
    String setLimit();

    @Message("金额留空即取消该限额")
    String removeHint();

    @Message("限额变更记录")
    String history();

    @Message("机构")
    String institution();

    @Message("查看")
    String choose();

    @Message("按状态持有")
    String byStatus();

    @Message("状态")
    String status();

    @Message("笔数")
    String count();

    @Message("金额")
    String sum();

    @Message("合计占用")
    String totalOutstanding();

    @Message("总限额")
    String totalLimit();

    @Message("按债务人的敞口")
    String byDebtor();

    @Message("按卖方的敞口")
    String bySeller();

    @Message("按行业的敞口")
    String byIndustry();

    @Message("30天内到期还款")
    String dueSoon();

    @Message("逾期未还")
    String overdue();

    @Message("到期日")
    String due();

    @Message("天数")
    String days();

    @Message("领取到报价（小时）")
    String timeToOffer();

    @Message("平均")
    String avg();

    @Message("中位数")
    String median();

    @Message("中标率")
    String winRate();

    @Message("报价笔数")
    String offered();

    @Message("被接受")
    String won();

    @Message("按被担保企业的担保")
    String guarantees();

    @Message("担保费")
    String fees();

    @Message("导出 CSV")
    String csv();

    @Message("报价成本比较")
    String costTitle();

    @Message("利息")
    String interest();

    @Message("担保费")
    String guaranteeFee();

    @Message("总成本")
    String totalCost();

    @Message("年化综合成本（%）")
    String annualised();

    @Message("成本最低")
    String cheapest();

    @Message("总成本 = 利息 + 担保费；年化综合成本 = 总成本 ÷ 金额 × 365 ÷ 期限天数")
    String costNote();

    @Message("持有金额按状态")
    String chartStatus();

    @Message("债务人敞口与限额")
    String chartExposure();
}
