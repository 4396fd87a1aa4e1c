package io.parkcredit.financing;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the financing pages: Chinese first (zh-CN, here), English in
 * {@code messages/fin_en.properties}. Templates use them as {@code {fin:title}}.
 */
@MessageBundle(value = "fin", locale = "zh-CN")
public interface FinancingMsg {

    @Message("融资对接")
    String nav();

    @Message("应收账款融资")
    String title();

    @Message("推送给本机构的融资申请")
    String queueTitle();

    @Message("融资漏斗与放款时效")
    String funnelTitle();

    @Message("发布应收账款")
    String post();

    @Message("债务人统一社会信用代码")
    String debtorUscc();

    @Message("债务人名称")
    String debtorName();

    @Message("发票号")
    String invoiceNo();

    @Message("开票日期")
    String invoiceDate();

    @Message("应收金额（元）")
    String amount();

    @Message("金额（元）")
    String offerAmount();

    @Message("到期日")
    String dueDate();

    @Message("合同号")
    String contractNo();

    @Message("申请金额（元）")
    String requested();

    @Message("期限（天）")
    String termDays();

    @Message("提交")
    String submit();

    @Message("资产质量")
    String grade();

    @Message("得分")
    String score();

    @Message("状态")
    String status();

    @Message("推送对象")
    String route();

    @Message("收支流水评分因素")
    String factors();

    @Message("因素")
    String factor();

    @Message("分值")
    String points();

    @Message("依据")
    String detail();

    @Message("报价对比")
    String offers();

    @Message("年利率（%）")
    String rate();

    @Message("有效期至")
    String expires();

    @Message("接受")
    String accept();

    @Message("领取")
    String claim();

    @Message("报价")
    String offer();

    @Message("承诺担保")
    String guarantee();

    @Message("保函编号")
    String letterNo();

    @Message("担保费率（%）")
    String feeRate();

    @Message("登记放款")
    String disburse();

    @Message("登记还款")
    String repay();

    @Message("放款")
    String disbursed();

    @Message("实际还款日")
    String repaid();

    @Message("债务人确认应收账款")
    String confirm();

    @Message("园区复核后推送")
    String override();

    @Message("理由")
    String reason();

    @Message("企业画像授权")
    String consents();

    @Message("授权")
    String grant();

    @Message("撤销")
    String revoke();

    @Message("机构")
    String institution();

    @Message("查看企业信用画像")
    String portrait();

    @Message("领取截止")
    String pickupDeadline();

    @Message("放款时效（小时）")
    String timeToFund();

    @Message("放款笔数")
    String funded();

    @Message("平均")
    String avg();

    @Message("中位数")
    String median();

    @Message("暂无")
    String none();

    @Message("筛选")
    String filter();

    @Message("全部")
    String all();

    @Message("撤回申请")
    String withdraw();

    @Message("融资申请")
    String request();

    @Message("卖方企业")
    String seller();

    @Message("已拒绝")
    String rejected();

    @Message("待园区复核")
    String inReview();

    @Message("阶段")
    String stage();

    @Message("笔数")
    String count();

    @Message("担保机构")
    String guarantor();

    @Message("有效")
    String active();
}
