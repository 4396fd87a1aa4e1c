package io.parkcredit.shared;

import java.util.List;

/**
 * A domain or input error with a stable code, answered as RFC 9457 problem+json on the API
 * and as an error page in the browser. Throw the named factories, never a bare status.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldProblem> errors;
    private long totalErrors = -1;
    private Reason reason;
    private final java.util.Map<String, Object> extensions = new java.util.LinkedHashMap<>();

    public ProblemException(int status, String code, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(422, "invalid-input", "输入无效 Invalid input", field + ": " + message,
                List.of(FieldProblem.of(field, message))).withReason(Reason.of("invalidField", "field", field,
                        "detail", field + ": " + message));
    }

    public static ProblemException invalid(String detail, List<FieldProblem> errors) {
        return new ProblemException(422, "invalid-input", "输入无效 Invalid input", detail, errors);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "请求错误 Bad request", detail, List.of());
    }

    public static ProblemException notFound(String what, String key) {
        return new ProblemException(404, "not-found", "未找到 Not found", what + " " + key + " not found", List.of())
                .withReason(Reason.of("notFound", "what", what, "key", key));
    }

    public static ProblemException conflict(String code, String detail) {
        return conflict(code, detail, new Object[0]);
    }

    /**
     * A conflict whose page text is the problem message named like the code ({@code rating-barred} →
     * {@code ratingBarred} in ProblemMsg) with these parameters (name-value pairs) and {@code detail}.
     */
    public static ProblemException conflict(String code, String detail, Object... params) {
        Object[] all = java.util.Arrays.copyOf(params, params.length + 2);
        all[params.length] = "detail";
        all[params.length + 1] = detail;
        return new ProblemException(409, code, "冲突 Conflict", detail, List.of()).withReason(Reason.of(
                java.util.regex.Pattern.compile("-([a-z0-9])").matcher(code).replaceAll(m -> m.group(1).toUpperCase()),
                all));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "无权访问 Forbidden", detail, List.of())
                .withReason(Reason.of("forbidden", "detail", detail));
    }

    /** The problem as a message code with parameters, for the pages' language (ProblemMsg); null = detail as is. */
    public ProblemException withReason(Reason reason) {
        this.reason = reason;
        return this;
    }

    public Reason reason() { return reason; }

    /** Adds an RFC 9457 extension member (e.g. {@code firstDay}) to the problem+json answer. */
    public ProblemException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    public java.util.Map<String, Object> extensions() { return java.util.Collections.unmodifiableMap(extensions); }

    /** Marks that {@link #errors()} lists only the first of {@code total} errors. */
    public ProblemException withTotalErrors(long total) {
        this.totalErrors = total;
        return this;
    }

    /** How many errors were found in all, when more were found than are listed. */
    public long totalErrors() {
        return totalErrors < 0 ? errors.size() : totalErrors;
    }

    public int status() { return status; }
    public String code() { return code; }
    public String title() { return title; }
    public List<FieldProblem> errors() { return errors; }
}
