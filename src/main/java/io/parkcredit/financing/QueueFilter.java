package io.parkcredit.financing;

import io.parkcredit.classification.CreditList;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Numbers;
import io.parkcredit.shared.ProblemException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A sort and filters of an institution's queue (README, "Workbench"), read from the query string of
 * the API or the page, or from a saved filter. Every sort is one range of an index on the
 * queue's rows ({@code financing_queue_*}, V060); the filters are conditions on the same rows.
 */
public record QueueFilter(Sort sort, boolean descending, List<Grade> grades, List<CreditList> sellerLists,
        List<CreditList> debtorLists, String industry, BigDecimal minAmount, BigDecimal maxAmount,
        BigDecimal minRequested, BigDecimal maxRequested, Integer minTerm, Integer maxTerm, Integer minScore,
        Integer minYears, Integer pickupWithinHours) {

    /** The sort keys: the route row's column(s) and whether "descending" means the column ascending. */
    public enum Sort {
        POSTED("rt.request_id", null, false),
        AMOUNT("rt.amount", null, false),
        REQUESTED("rt.requested_amount", null, false),
        TERM("rt.term_days", null, false),
        // best first is grade rank ascending, score descending (index financing_queue_grade)
        GRADE("rt.grade_rank", "rt.score", true),
        PICKUP("rt.pickup_deadline", null, false),
        // most years registered first is the earliest registration day first
        AGE("rt.registered_on", null, true),
        INDUSTRY("rt.industry_code", null, false);

        final String column;
        final String second;
        final boolean inverted;

        Sort(String column, String second, boolean inverted) {
            this.column = column;
            this.second = second;
            this.inverted = inverted;
        }
    }

    /** The query parameters a filter reads, in the order the page shows them. */
    public static final List<String> PARAMS = List.of("sort", "dir", "grade", "sellerList", "debtorList", "industry",
            "minAmount", "maxAmount", "minRequested", "maxRequested", "minTerm", "maxTerm", "minScore", "minYears",
            "pickupWithinHours");

    private static final Pattern INDUSTRY = Pattern.compile("[A-T]([0-9]{1,4})?");

    public static QueueFilter none() {
        return new QueueFilter(Sort.POSTED, true, List.of(), List.of(), List.of(), null, null, null, null, null, null,
                null, null, null, null);
    }

    /** Whether this is the plain queue (newest first, no filter): the measured real-time statement. */
    public boolean plain() {
        return this.equals(none());
    }

    /** Reads the filter from query parameters (multi-valued ones comma-separated or repeated); 422 naming each bad field. */
    public static QueueFilter parse(Map<String, List<String>> query) {
        List<FieldProblem> errors = new ArrayList<>();
        Sort sort = Sort.POSTED;
        String s = one(query, "sort");
        if (s != null) {
            try {
                sort = Sort.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldProblem.of("sort", "one of " + java.util.Arrays.toString(Sort.values())));
            }
        }
        String dir = one(query, "dir");
        boolean descending = true;
        if (dir != null) {
            if (dir.equalsIgnoreCase("asc")) {
                descending = false;
            } else if (!dir.equalsIgnoreCase("desc")) {
                errors.add(FieldProblem.of("dir", "asc or desc"));
            }
        }
        List<Grade> grades = enums(query, "grade", Grade.class, errors);
        List<CreditList> sellerLists = enums(query, "sellerList", CreditList.class, errors);
        List<CreditList> debtorLists = enums(query, "debtorList", CreditList.class, errors);
        String industry = one(query, "industry");
        if (industry != null) {
            industry = industry.toUpperCase(Locale.ROOT);
            if (!INDUSTRY.matcher(industry).matches()) {
                errors.add(FieldProblem.of("industry", "an industry code or its prefix, such as C or C31"));
            }
        }
        BigDecimal minAmount = money(query, "minAmount", errors);
        BigDecimal maxAmount = money(query, "maxAmount", errors);
        BigDecimal minRequested = money(query, "minRequested", errors);
        BigDecimal maxRequested = money(query, "maxRequested", errors);
        Integer minTerm = integer(query, "minTerm", 1, FinancingInput.MAX_TERM_DAYS, errors);
        Integer maxTerm = integer(query, "maxTerm", 1, FinancingInput.MAX_TERM_DAYS, errors);
        Integer minScore = integer(query, "minScore", 0, 100, errors);
        Integer minYears = integer(query, "minYears", 0, 200, errors);
        Integer within = integer(query, "pickupWithinHours", 0, 24 * 365, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid queue filter", errors);
        }
        return new QueueFilter(sort, descending, grades, sellerLists, debtorLists, industry, minAmount, maxAmount,
                minRequested, maxRequested, minTerm, maxTerm, minScore, minYears, within);
    }

    public static QueueFilter parse(String queryString) {
        return parse(split(queryString));
    }

    /** The query string of a query ({@code a=1&b=2}), values decoded, repeated names kept. */
    public static Map<String, List<String>> split(String queryString) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (queryString == null || queryString.isBlank()) {
            return out;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("query", "not a query string: " + e.getMessage());
            }
        }
        return out;
    }

    /** This filter as a query string, the default values left out (for links and saved filters). */
    public String query() {
        Map<String, String> m = form();
        StringBuilder b = new StringBuilder();
        for (var e : m.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append('&');
            }
            b.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** The filter's values by parameter name ("" when not set), for the page's form. */
    public Map<String, String> form() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sort", sort == Sort.POSTED ? "" : sort.name());
        m.put("dir", descending ? "" : "asc");
        m.put("grade", String.join(",", grades.stream().map(Enum::name).toList()));
        m.put("sellerList", String.join(",", sellerLists.stream().map(Enum::name).toList()));
        m.put("debtorList", String.join(",", debtorLists.stream().map(Enum::name).toList()));
        m.put("industry", industry == null ? "" : industry);
        m.put("minAmount", plain(minAmount));
        m.put("maxAmount", plain(maxAmount));
        m.put("minRequested", plain(minRequested));
        m.put("maxRequested", plain(maxRequested));
        m.put("minTerm", minTerm == null ? "" : minTerm.toString());
        m.put("maxTerm", maxTerm == null ? "" : maxTerm.toString());
        m.put("minScore", minScore == null ? "" : minScore.toString());
        m.put("minYears", minYears == null ? "" : minYears.toString());
        m.put("pickupWithinHours", pickupWithinHours == null ? "" : pickupWithinHours.toString());
        return m;
    }

    /** The same filter sorted by {@code key}: the other direction when it already is. */
    public String sortQuery(String key) {
        Sort to = Sort.valueOf(key);
        QueueFilter f = new QueueFilter(to, to != sort || !descending, grades, sellerLists, debtorLists, industry,
                minAmount, maxAmount, minRequested, maxRequested, minTerm, maxTerm, minScore, minYears, pickupWithinHours);
        return f.query();
    }

    /** The conditions on the route rows {@code rt} after institution and queue flag, and their parameters. */
    String where(List<Object> params, LocalDate today, Instant now) {
        StringBuilder w = new StringBuilder();
        if (!grades.isEmpty()) {
            w.append(" and rt.grade_rank = any (cast(? as smallint[]))");
            params.add(grades.stream().map(g -> (short) (g.ordinal() + 1)).toArray(Short[]::new));
        }
        if (!sellerLists.isEmpty()) {
            w.append(" and rt.seller_list = any (cast(? as varchar[]))");
            params.add(sellerLists.stream().map(Enum::name).toArray(String[]::new));
        }
        if (!debtorLists.isEmpty()) {
            w.append(" and rt.debtor_list = any (cast(? as varchar[]))");
            params.add(debtorLists.stream().map(Enum::name).toArray(String[]::new));
        }
        if (industry != null) {
            w.append(" and rt.industry_code like ?");
            params.add(industry + "%");
        }
        range(w, params, "rt.amount", minAmount, maxAmount);
        range(w, params, "rt.requested_amount", minRequested, maxRequested);
        range(w, params, "rt.term_days", minTerm, maxTerm);
        range(w, params, "rt.score", minScore, null);
        if (minYears != null) {
            w.append(" and rt.registered_on <= ?");
            params.add(today.minusYears(minYears));
        }
        if (pickupWithinHours != null) {
            w.append(" and rt.pickup_deadline <= ?");
            params.add(java.sql.Timestamp.from(now.plusSeconds(3600L * pickupWithinHours)));
        }
        return w.toString();
    }

    /** The ORDER BY of the route rows, following one partial index forwards or backwards. */
    String order() {
        boolean columnDesc = descending != sort.inverted;
        String dir = columnDesc ? " desc" : " asc";
        String idDir = sort == Sort.GRADE ? (columnDesc ? " asc" : " desc") : dir;
        if (sort == Sort.POSTED) {
            return "rt.request_id" + dir;
        }
        String second = sort.second == null ? "" : ", " + sort.second + (columnDesc ? " asc" : " desc");
        return sort.column + dir + second + ", rt.request_id" + idDir;
    }

    private static void range(StringBuilder w, List<Object> params, String column, Object min, Object max) {
        if (min != null) {
            w.append(" and ").append(column).append(" >= ?");
            params.add(min);
        }
        if (max != null) {
            w.append(" and ").append(column).append(" <= ?");
            params.add(max);
        }
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return null;
        }
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static <E extends Enum<E>> List<E> enums(Map<String, List<String>> query, String name, Class<E> type,
            List<FieldProblem> errors) {
        List<String> values = query.get(name);
        List<E> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            for (String part : v == null ? new String[0] : v.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    E e = Enum.valueOf(type, part.strip().toUpperCase(Locale.ROOT));
                    if (!out.contains(e)) {
                        out.add(e);
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(FieldProblem.of(name, "one of " + java.util.Arrays.toString(type.getEnumConstants())));
                    return out;
                }
            }
        }
        return out;
    }

    private static BigDecimal money(Map<String, List<String>> query, String name, List<FieldProblem> errors) {
        String v = one(query, name);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal d = Numbers.decimal(v);
            if (d.signum() < 0 || d.precision() - d.scale() > 16) {
                errors.add(FieldProblem.of(name, "an amount in yuan, not negative"));
                return null;
            }
            return d;
        } catch (InvalidValueException e) {
            errors.add(FieldProblem.of(name, e.getMessage()));
            return null;
        }
    }

    private static Integer integer(Map<String, List<String>> query, String name, int min, int max,
            List<FieldProblem> errors) {
        String v = one(query, name);
        if (v == null) {
            return null;
        }
        try {
            return Numbers.integer(v, min, max);
        } catch (InvalidValueException e) {
            errors.add(FieldProblem.of(name, e.getMessage()));
            return null;
        }
    }
}
