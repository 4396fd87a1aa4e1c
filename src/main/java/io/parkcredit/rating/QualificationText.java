package io.parkcredit.rating;

import io.parkcredit.shared.Reasons;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;

/** {@code {clause.text}} in templates: the facts behind a qualification condition in the page's language. */
final class QualificationText {

    private QualificationText() {
    }

    @TemplateExtension
    static String text(Qualification.Clause clause, @TemplateAttribute("locale") Object locale) {
        return Reasons.render(RatingReasonMsg.class, clause.reason(), locale, clause.detail());
    }
}
