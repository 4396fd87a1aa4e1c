package io.parkcredit.shared;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;

/** {@code {problem.text}} in templates: why a step is refused, in the page's language (ProblemMsg). */
final class ProblemText {

    private ProblemText() {
    }

    @TemplateExtension
    static String text(ProblemException problem, @TemplateAttribute("locale") Object locale) {
        return Reasons.render(ProblemMsg.class, problem.reason(), locale, problem.getMessage());
    }
}
