package io.parkcredit.financing;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The cash-flow factors of {@link CashFlowGrading}: their names and the facts behind their points,
 * one message per reason code; English in {@code messages/factor_en.properties}.
 */
@MessageBundle(value = "factor", locale = "zh-CN")
public interface FactorMsg {

    @Message("、")
    String itemSep();

    @Message("{#when code}{#is 'DEBTOR_CONFIRMED'}债务人确认{#is 'DEBTOR_FLOW_MONTHS'}债务人回款月数"
            + "{#is 'AMOUNT_TO_DEBTOR_INFLOW'}应收金额与债务人回款{#is 'INFLOW_STABILITY'}收入稳定性"
            + "{#is 'DEBTOR_STANDING'}债务人信用{#else}{code}{/when}")
    String name(String code);

    @Message("债务人已确认该应收账款")
    String debtorConfirmed();

    @Message("债务人尚未确认")
    String debtorNotConfirmed();

    @Message("近12个月中有{months}个月收到债务人回款")
    String debtorFlowMonths(String months);

    @Message("近3个月未收到债务人回款（月均为0）")
    String noDebtorInflow();

    @Message("应收金额{amount}为近3个月债务人月均回款{mean}的{ratio}倍")
    String amountToDebtorInflow(String amount, String mean, String ratio);

    @Message("近12个月无收入流水（月均为0）")
    String noInflow();

    @Message("近12个月月度收入变异系数{cv}（月均{mean}）")
    String inflowStability(String cv, String mean);

    @Message("债务人在{year}年红名单")
    String debtorRed(String year);

    @Message("债务人信用等级{grade}")
    String debtorRated(String grade);

    @Message("债务人非红名单，无有效信用等级")
    String debtorUnrated(String grade);

    @Message("债务人非红名单，信用等级{grade}")
    String debtorNotRed(String grade);
}
