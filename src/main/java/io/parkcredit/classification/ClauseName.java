package io.parkcredit.classification;

import io.parkcredit.classification.ClassificationRules.Clause;
import io.parkcredit.shared.Reasons;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import java.util.List;

/**
 * The clause codes of {@link ClassificationRules} (DOMAIN.md §4) with the name a reader of the
 * pages and of the export sees; English names are in {@code msg_en.properties}.
 */
public enum ClauseName {
    YELLOW_IN_ARREARS("欠贷"),
    YELLOW_EVASION("恶意逃废债迹象"),
    RED_LOAN_HOLDING("有贷企业"),
    RED_NOT_IN_ARREARS("无欠贷"),
    RED_NO_LATE("近24个月无逾期超30天"),
    RED_NO_SERIOUS("近36个月无严重失信"),
    RED_NO_GENERAL("近12个月无一般失信"),
    RED_RATING_FLOOR("信用等级不低于A"),
    WHITE_LOAN_FREE("无贷企业"),
    WHITE_ACTIVE("存续状态"),
    WHITE_REGISTERED("成立满1年"),
    WHITE_NO_SERIOUS("近36个月无严重失信"),
    WHITE_REVENUE("有营业收入"),
    /** A code this version of the pages does not know; shown by its code. */
    OTHER("其他条款");

    private final String label;

    ClauseName(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ClauseName of(String code) {
        for (ClauseName n : values()) {
            if (n.name().equals(code)) {
                return n;
            }
        }
        return OTHER;
    }

    /** Every known clause, in the order the rules check them (the export's columns). */
    public static List<ClauseName> known() {
        return List.of(values()).subList(0, values().length - 1);
    }

    /** {@code {clause.clauseName}} in templates. */
    @TemplateExtension
    static ClauseName clauseName(Clause clause) {
        return of(clause.code());
    }

    /** {@code {clause.text}}: the facts behind a clause in the page's language. */
    @TemplateExtension
    static String text(Clause clause, @TemplateAttribute("locale") Object locale) {
        return Reasons.render(ClassificationMsg.class, clause.reason(), locale, clause.detail());
    }

    /** {@code {result.reasons}}: the facts of the clauses that decided the firm's list, in the page's language. */
    @TemplateExtension
    static String reasons(ClassificationViews.ResultView r, @TemplateAttribute("locale") Object locale) {
        ClassificationMsg m = Reasons.messages(ClassificationMsg.class, locale);
        return r.clauses().stream().filter(c -> isReason(r.list(), c)).map(c -> text(c, locale))
                .collect(java.util.stream.Collectors.joining(m.evasionSep().strip().equals(";") ? "; " : m.evasionSep()));
    }

    /** The export's column of reasons: the Chinese details as stored. */
    static String reasons(ClassificationViews.ResultView r) {
        return r.clauses().stream().filter(c -> isReason(r.list(), c)).map(Clause::detail)
                .collect(java.util.stream.Collectors.joining("；"));
    }

    /**
     * Whether a clause is a reason for the firm's list: for YELLOW the yellow conditions that hold,
     * otherwise the red and white conditions that fail (a failed yellow check is good news).
     */
    static boolean isReason(CreditList list, Clause c) {
        boolean yellowClause = c.code().startsWith("YELLOW_");
        return list == CreditList.YELLOW ? yellowClause && c.passed() : !yellowClause && !c.passed();
    }
}
