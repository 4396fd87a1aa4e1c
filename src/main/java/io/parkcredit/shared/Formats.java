package io.parkcredit.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateExtension;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** View-only formatting for the pages: {@code {fmt:money(x)}}, {@code {fmt:percent(r)}}, {@code {fmt:time(t)}}. */
@TemplateExtension(namespace = "fmt")
public final class Formats {

    /** The park's time zone; audit times are shown in it. */
    static final ZoneId PARK_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String NONE = "—";

    private Formats() {
    }

    /** 1234567.5 → 1,234,567.50; null → —. */
    static String money(BigDecimal v) {
        if (v == null) {
            return NONE;
        }
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }

    /** 0.875 → 87.5%; null (nothing to measure) → —. */
    static String percent(Double ratio) {
        if (ratio == null) {
            return NONE;
        }
        return new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(ratio * 100) + "%";
    }

    static String time(Instant at) {
        return at == null ? NONE : TIME.format(at.atZone(PARK_ZONE));
    }

    /** Any value, or — when there is none. */
    static Object or(Object v) {
        return v == null || (v instanceof String s && s.isBlank()) ? NONE : v;
    }

    /**
     * JSON for a {@code <script type="application/json">} block: the only way page data reaches a
     * script. A firm or institution name holding {@code </script><script>…} would otherwise end the
     * block and run; {@code <}, {@code >} and {@code &} become {@code \u003c}, {@code \u003e},
     * {@code \u0026} (still the same JSON string to {@code JSON.parse}), and U+2028/U+2029 are escaped
     * so the text is also valid inside a JavaScript literal. Insert the result with {@code .raw}.
     */
    public static String scriptJson(ObjectMapper json, Object data) {
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String esc = switch (c) {
                case '<' -> "\\u003c";
                case '>' -> "\\u003e";
                case '&' -> "\\u0026";
                case '\u2028' -> "\\u2028";
                case '\u2029' -> "\\u2029";
                default -> null;
            };
            if (esc != null && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (esc != null) {
                    sb.append(esc);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** Query-string encoding for links built in templates and in page resources. */
    public static String url(String v) {
        return v == null ? "" : URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
