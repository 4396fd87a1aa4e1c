package io.parkcredit.shared;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One item of a problem's {@code errors}: a field of a JSON body, or a cell of a bundle file
 * ({@code file}, {@code line}, {@code column}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(String field, String file, Long line, String column, String message) {

    public static FieldProblem of(String field, String message) {
        return new FieldProblem(field, null, null, null, message);
    }

    public static FieldProblem row(String file, long line, String column, String message) {
        return new FieldProblem(null, file, line, column, message);
    }
}
