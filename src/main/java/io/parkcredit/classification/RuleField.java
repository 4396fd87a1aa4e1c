package io.parkcredit.classification;

import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Numbers;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields of {@link RuleParams} as the rules page shows them: a Chinese label and what the
 * value means in DOMAIN.md §4. English is in {@code msg_en.properties}.
 */
public enum RuleField {
    EVALUATION_DAY("evaluationDay", "评价日（月-日）", "第 Y 年的评价日 D，如 12-31 即 Y-12-31", RuleParams::evaluationDay),
    LOAN_HOLDING_MONTHS("loanHoldingMonths", "有贷认定期（月）", "评价日前已放款，且未结清或在 D 减该月数之后结清的贷款，即为有贷企业",
            RuleParams::loanHoldingMonths),
    LATE_WINDOW_MONTHS("lateWindowMonths", "红名单逾期考察期（月）", "红名单：到期日在 (D − 该月数, D] 内的贷款…",
            RuleParams::lateWindowMonths),
    LATE_DAYS("lateDays", "红名单逾期天数上限", "…均未逾期超过该天数", RuleParams::lateDays),
    SERIOUS_WINDOW_MONTHS("seriousWindowMonths", "严重失信考察期（月）", "红名单、白名单：该期间内无在计的严重失信记录",
            RuleParams::seriousWindowMonths),
    GENERAL_WINDOW_MONTHS("generalWindowMonths", "一般失信考察期（月）", "红名单：该期间内无在计的一般失信记录",
            RuleParams::generalWindowMonths),
    EVASION_WINDOW_MONTHS("evasionWindowMonths", "逃废债记录考察期（月）", "黄名单迹象(a)：该期间内有在计的逃废债记录",
            RuleParams::evasionWindowMonths),
    EVASION_OVERDUE_DAYS("evasionOverdueDays", "有能力不还款逾期天数", "黄名单迹象(c)：某笔贷款逾期至少该天数…",
            RuleParams::evasionOverdueDays),
    INFLOW_DAYS("inflowDays", "流入考察天数", "…而评价日前该天数内的流入合计超过该笔贷款本金", RuleParams::inflowDays),
    WHITE_MIN_YEARS("whiteMinYears", "白名单最短成立年限", "白名单：成立日期不晚于 D 减该年数", RuleParams::whiteMinYears),
    WHITE_STATEMENT_YEARS("whiteStatementYears", "白名单报表追溯年数", "白名单：Y 年或此前该年数内某年报表营业收入大于 0",
            RuleParams::whiteStatementYears),
    RATING_FLOOR("ratingFloor", "红名单最低信用等级", "红名单：评价日持有有效信用等级的，须不低于该等级", RuleParams::ratingFloor);

    private final String field;
    private final String label;
    private final String meaning;
    private final Function<RuleParams, Object> value;

    RuleField(String field, String label, String meaning, Function<RuleParams, Object> value) {
        this.field = field;
        this.label = label;
        this.meaning = meaning;
        this.value = value;
    }

    /** The name of the field in {@link RuleParams}, the form and the API. */
    public String field() {
        return field;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    public boolean text() {
        return this == EVALUATION_DAY || this == RATING_FLOOR;
    }

    public Object valueIn(RuleParams p) {
        return value.apply(p);
    }

    /** Rule parameters from the form as typed; a field that is not a whole number is reported, not guessed. */
    static RuleParams parse(Map<String, String> form, Map<String, String> problems) {
        int[] n = new int[values().length];
        for (RuleField f : values()) {
            if (f.text()) {
                continue;
            }
            String raw = form.getOrDefault(f.field, "").strip();
            try {
                Integer v = Numbers.integer(raw, Integer.MIN_VALUE, Integer.MAX_VALUE);
                if (v == null) {
                    throw new InvalidValueException("required");
                }
                n[f.ordinal()] = v;
            } catch (InvalidValueException e) {
                problems.put(f.field, "请输入整数 / a whole number");
                n[f.ordinal()] = -1;
            }
        }
        return new RuleParams(form.getOrDefault(EVALUATION_DAY.field, "").strip(), n[1], n[2], n[3], n[4], n[5], n[6],
                n[7], n[8], n[9], n[10], form.getOrDefault(RATING_FLOOR.field, "").strip());
    }
}
