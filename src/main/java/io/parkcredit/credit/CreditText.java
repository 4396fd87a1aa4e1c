package io.parkcredit.credit;

import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.ProblemMsg;
import io.parkcredit.shared.Reason;
import io.parkcredit.shared.Reasons;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;

/** {@code {reason.creditText}} and {@code {problem.creditProblem}} in templates: §8's reasons in the page's language. */
final class CreditText {

    private CreditText() {
    }

    @TemplateExtension
    static String creditText(Reason reason, @TemplateAttribute("locale") Object locale) {
        return reason == null ? "" : Reasons.render(CreditMsg.class, reason, locale, reason.code());
    }

    @TemplateExtension
    static String creditProblem(ProblemException problem, @TemplateAttribute("locale") Object locale) {
        String general = Reasons.render(ProblemMsg.class, problem.reason(), locale, null);
        String own = Reasons.render(CreditMsg.class, problem.reason(), locale, general);
        StringBuilder sb = new StringBuilder(own != null ? own : problem.getMessage());
        problem.errors().forEach(f -> sb.append(" · ").append(f.field()).append(": ").append(f.message()));
        return sb.toString();
    }
}
