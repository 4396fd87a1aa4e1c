package io.parkcredit.enterprise;

import io.parkcredit.enterprise.EnterpriseViews.TimelineItem;
import io.parkcredit.shared.Reasons;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;

/** {@code {item.titleText}}, {@code {item.detailText}}: a timeline line in the page's language. */
final class TimelineText {

    private TimelineText() {
    }

    @TemplateExtension
    static String titleText(TimelineItem item, @TemplateAttribute("locale") Object locale) {
        return Reasons.render(EnterpriseMsg.class, item.titleReason(), locale, item.title());
    }

    @TemplateExtension
    static String detailText(TimelineItem item, @TemplateAttribute("locale") Object locale) {
        return Reasons.render(EnterpriseMsg.class, item.detailReason(), locale, item.detail());
    }
}
