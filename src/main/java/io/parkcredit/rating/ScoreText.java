package io.parkcredit.rating;

import io.parkcredit.rating.RatingResult.DimensionScore;
import io.parkcredit.rating.RatingResult.Line;
import io.parkcredit.shared.Reason;
import io.parkcredit.shared.Reasons;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The score sheet in the page's language: {@code {line.text}} (how the points came about),
 * {@code {line.nameText}}, {@code {line.groupText}} (also on an on-site field) and
 * {@code {dimension.nameText}}. A name is
 * translated only while it is the default model's name for its code; a name the park gave in its
 * own model version is shown as written.
 */
final class ScoreText {

    private ScoreText() {
    }

    @TemplateExtension
    static String text(Line line, @TemplateAttribute("locale") Object locale) {
        return Reasons.render(ScoreMsg.class, line.reason(), locale, line.detail());
    }

    @TemplateExtension
    static String nameText(Line line, @TemplateAttribute("locale") Object locale) {
        return translated("ind" + line.code(), line.name(), locale);
    }

    @TemplateExtension
    static String groupText(Line line, @TemplateAttribute("locale") Object locale) {
        return group(line.groupCode(), line.group(), locale);
    }

    @TemplateExtension
    static String nameText(RatingPages.OnsiteField field, @TemplateAttribute("locale") Object locale) {
        return translated("ind" + field.code(), field.name(), locale);
    }

    @TemplateExtension
    static String groupText(RatingPages.OnsiteField field, @TemplateAttribute("locale") Object locale) {
        return group(field.groupCode(), field.group(), locale);
    }

    private static String group(String code, String written, Object locale) {
        if (code == null) {
            return written;
        }
        String camel = Arrays.stream(code.toLowerCase(java.util.Locale.ROOT).split("_")).filter(w -> !w.isEmpty())
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining());
        return translated("grp" + camel, written, locale);
    }

    @TemplateExtension
    static String nameText(DimensionScore dimension, @TemplateAttribute("locale") Object locale) {
        boolean english = locale != null && locale.toString().startsWith("en");
        return english && dimension.nameEn() != null && !dimension.nameEn().isBlank() ? dimension.nameEn()
                : dimension.name();
    }

    private static String translated(String code, String written, Object locale) {
        Reason r = Reason.of(code);
        String chinese = Reasons.render(ScoreMsg.class, r, "zh-CN", null);
        return chinese != null && chinese.equals(written) ? Reasons.render(ScoreMsg.class, r, locale, written) : written;
    }
}
