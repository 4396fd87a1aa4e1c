package io.parkcredit.financing;

import io.parkcredit.shared.Reasons;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;

/** {@code {factor.text}} in templates: the facts behind a cash-flow factor in the page's language. */
final class FactorText {

    private FactorText() {
    }

    @TemplateExtension
    static String text(CashFlowGrading.Factor factor, @TemplateAttribute("locale") Object locale) {
        return Reasons.render(FactorMsg.class, factor.reason(), locale, factor.detail());
    }
}
