package io.parkcredit.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a decision came out as it did, in no language: a message code, its parameters (dates,
 * amounts, references — already in their neutral text form) and, for a list of findings, one
 * reason per item. The pages render it in the reader's language with {@link Reasons}; the API
 * carries it beside the Chinese {@code detail}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Reason(String code, Map<String, String> params, List<Reason> items) {

    public Reason {
        params = params == null ? Map.of() : params;
        items = items == null ? List.of() : items;
    }

    /** A reason from its code and parameter names and values, alternating. */
    public static Reason of(String code, Object... nameValues) {
        return new Reason(code, params(nameValues), List.of());
    }

    /** A reason listing its items, with parameters of its own. */
    public static Reason list(String code, List<Reason> items, Object... nameValues) {
        return new Reason(code, params(nameValues), List.copyOf(items));
    }

    private static Map<String, String> params(Object... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name-value pairs");
        }
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            Object v = nameValues[i + 1];
            p.put((String) nameValues[i], v == null ? null : v instanceof java.math.BigDecimal b ? b.toPlainString()
                    : v.toString());
        }
        return p;
    }
}
