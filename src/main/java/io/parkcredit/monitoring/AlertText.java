package io.parkcredit.monitoring;

import io.parkcredit.enterprise.EventType;
import io.parkcredit.enterprise.Severity;
import io.parkcredit.monitoring.MonitoringViews.AlertView;
import io.parkcredit.shared.Msg;
import io.parkcredit.shared.Reasons;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert in the page's language: {@code {a.kindText}}, {@code {a.titleText}} and {@code {a.reasonText}}.
 * Alerts are stored as raised (the API returns them so); their kind and the codes inside the stored
 * title and reason (the reminder's facts, the rule and the event's type and severity) are read back
 * here and named in the reader's language. A title the event itself brought is shown as written.
 */
final class AlertText {

    private static final Pattern RATING_EXPIRY = Pattern.compile("信用等级(.+?)将于(\\S+?)到期，可申请重新评价");
    private static final Pattern ANNUAL_REVIEW = Pattern.compile("信用等级(.+?)年度复审将于(\\S+?)到期");
    private static final Pattern LOAN_DUE = Pattern.compile("贷款(.+?)（本金(\\S+?)元）将于(\\S+?)到期");
    private static final Pattern REPAIR = Pattern.compile("信用记录“(.*)”已满最短公示期，可申请信用修复");
    private static final Pattern RULE = Pattern.compile("rule (\\d+) \\((\\S+) / (\\S+)\\) matched (\\S+) / (\\S+)");
    private static final Pattern POLICY = Pattern.compile("政策匹配：(.*)");
    private static final Pattern POLICY_REASON = Pattern.compile("policy (\\d+) matched");
    private static final Pattern SCAN = Pattern.compile("scan of (\\S+): (\\S+) due (\\S+)");

    private AlertText() {
    }

    @TemplateExtension
    static String kindText(AlertView a, @TemplateAttribute("locale") Object locale) {
        return Reasons.messages(AlertMsg.class, locale).kind(a.kind());
    }

    @TemplateExtension
    static String titleText(AlertView a, @TemplateAttribute("locale") Object locale) {
        String t = a.title();
        if (t == null || a.kind() == null) {
            return t;
        }
        AlertMsg m = Reasons.messages(AlertMsg.class, locale);
        Matcher x;
        switch (a.kind()) {
            case "EVENT" -> {
                return Arrays.stream(EventType.values()).filter(e -> e.label().equals(t)).findFirst()
                        .map(e -> Reasons.messages(Msg.class, locale).eventTypeName(e)).orElse(t);
            }
            case "RATING_EXPIRY" -> x = RATING_EXPIRY.matcher(t);
            case "ANNUAL_REVIEW" -> x = ANNUAL_REVIEW.matcher(t);
            case "LOAN_DUE" -> x = LOAN_DUE.matcher(t);
            case "REPAIR_ELIGIBLE" -> x = REPAIR.matcher(t);
            case "POLICY_MATCH" -> x = POLICY.matcher(t);
            default -> {
                return t;
            }
        }
        if (!x.matches()) {
            return t;
        }
        return switch (a.kind()) {
            case "RATING_EXPIRY" -> m.ratingExpiry(x.group(1), x.group(2));
            case "ANNUAL_REVIEW" -> m.annualReview(x.group(1), x.group(2));
            case "LOAN_DUE" -> m.loanDue(x.group(1), x.group(2), x.group(3));
            case "POLICY_MATCH" -> m.policyMatch(x.group(1));
            default -> m.repairEligible(x.group(1));
        };
    }

    @TemplateExtension
    static String reasonText(AlertView a, @TemplateAttribute("locale") Object locale) {
        String r = a.reason();
        if (r == null) {
            return null;
        }
        AlertMsg m = Reasons.messages(AlertMsg.class, locale);
        Matcher x = RULE.matcher(r);
        if (x.matches()) {
            return m.ruleMatched(x.group(1), type(x.group(2), m, locale), severity(x.group(3), m, locale),
                    type(x.group(4), m, locale), severity(x.group(5), m, locale));
        }
        x = POLICY_REASON.matcher(r);
        if (x.matches()) {
            return m.policyMatched(x.group(1));
        }
        x = SCAN.matcher(r);
        if (x.matches()) {
            return m.scanned(x.group(1), m.kind(x.group(2)), x.group(3));
        }
        return r;
    }

    private static String type(String code, AlertMsg m, Object locale) {
        if ("*".equals(code)) {
            return m.any();
        }
        return Arrays.stream(EventType.values()).filter(e -> e.name().equals(code)).findFirst()
                .map(e -> Reasons.messages(Msg.class, locale).eventTypeName(e)).orElse(code);
    }

    private static String severity(String code, AlertMsg m, Object locale) {
        if ("*".equals(code)) {
            return m.any();
        }
        if ("-".equals(code)) {
            return m.none();
        }
        return Arrays.stream(Severity.values()).filter(e -> e.name().equals(code)).findFirst()
                .map(e -> Reasons.messages(Msg.class, locale).severityName(e)).orElse(code);
    }
}
