package io.parkcredit.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** RFC 9457 problem details, as sent on the wire. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldProblem> errors, Long totalErrors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://parkcredit.io/problems/";

    public static Problem of(int status, String code, String title, String detail, String instance,
            List<FieldProblem> errors) {
        return new Problem(TYPE_BASE + code, title, status, detail, instance, errors, null);
    }

    public Problem withTotal(long total) {
        return new Problem(type, title, status, detail, instance, errors, total);
    }
}
