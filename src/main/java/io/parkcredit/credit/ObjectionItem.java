package io.parkcredit.credit;

import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Money;
import io.parkcredit.shared.ParkDates;
import io.parkcredit.shared.ProblemException;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The item an objection is about (API.md: {@code itemType} and {@code itemRef}) as found in the
 * registry, and how a correction — the item's fields as in its bundle file — is applied to it.
 */
record ObjectionItem(String type, String ref, String uscc, long rowId, Long eventId, String source, String lender) {

    static final Set<String> TYPES = Set.of("CREDIT_EVENT", "LOAN", "FINANCIAL_STATEMENT", "CLASSIFICATION", "RATING");

    /** Finds the item; 404 when it does not exist. */
    static ObjectionItem find(EntityManager em, String type, String ref) {
        String[] parts = ref.split("/", -1);
        Object[] r;
        switch (type) {
            case "CREDIT_EVENT" -> {
                int slash = ref.indexOf('/');
                if (slash <= 0 || slash == ref.length() - 1) {
                    throw ProblemException.invalid("itemRef", "a credit event is named source/eventNo");
                }
                r = CreditSql.single(em.createNativeQuery("select id, uscc, source from credit_events where source = ?1"
                        + " and event_no = ?2").setParameter(1, ref.substring(0, slash)).setParameter(2, ref.substring(slash + 1)));
                return r == null ? notFound(type, ref)
                        : new ObjectionItem(type, ref, (String) r[1], CreditSql.lng(r[0]), CreditSql.lng(r[0]), (String) r[2], null);
            }
            case "LOAN" -> {
                int slash = ref.indexOf('/');
                if (slash <= 0 || slash == ref.length() - 1) {
                    throw ProblemException.invalid("itemRef", "a loan is named lenderCode/loanNo");
                }
                r = CreditSql.single(em.createNativeQuery("select id, uscc, lender_code from loans where lender_code = ?1"
                        + " and loan_no = ?2").setParameter(1, ref.substring(0, slash)).setParameter(2, ref.substring(slash + 1)));
                return r == null ? notFound(type, ref)
                        : new ObjectionItem(type, ref, (String) r[1], CreditSql.lng(r[0]), null, (String) r[2], (String) r[2]);
            }
            case "FINANCIAL_STATEMENT" -> {
                if (parts.length != 2 || !parts[1].matches("[0-9]{4}")) {
                    throw ProblemException.invalid("itemRef", "a statement is named uscc/fiscalYear");
                }
                r = CreditSql.single(em.createNativeQuery("select id, uscc from financial_statements where uscc = ?1"
                        + " and year = ?2").setParameter(1, parts[0]).setParameter(2, Integer.parseInt(parts[1])));
                return r == null ? notFound(type, ref)
                        : new ObjectionItem(type, ref, (String) r[1], CreditSql.lng(r[0]), null, "FIRM", null);
            }
            case "CLASSIFICATION" -> {
                if (parts.length != 3 || !parts[0].matches("[0-9]{4}") || !parts[1].matches("[0-9]{1,18}")) {
                    throw ProblemException.invalid("itemRef", "a list result is named year/runId/uscc");
                }
                r = CreditSql.single(em.createNativeQuery("select c.run_id, c.uscc from classification_results c"
                        + " join classification_runs r on r.id = c.run_id where r.year = ?1 and c.run_id = ?2 and c.uscc = ?3")
                        .setParameter(1, Integer.parseInt(parts[0])).setParameter(2, Long.parseLong(parts[1]))
                        .setParameter(3, parts[2]));
                return r == null ? notFound(type, ref)
                        : new ObjectionItem(type, ref, (String) r[1], CreditSql.lng(r[0]), null, "PARK", null);
            }
            case "RATING" -> {
                if (!ref.matches("[0-9]{1,18}")) {
                    throw ProblemException.invalid("itemRef", "a rating result is named by its applicationId");
                }
                r = CreditSql.single(em.createNativeQuery("select id, uscc from rating_applications where id = ?1")
                        .setParameter(1, Long.parseLong(ref)));
                return r == null ? notFound(type, ref)
                        : new ObjectionItem(type, ref, (String) r[1], CreditSql.lng(r[0]), null, "EVALUATOR", null);
            }
            default -> throw ProblemException.invalid("itemType", "one of " + TYPES);
        }
    }

    private static ObjectionItem notFound(String type, String ref) {
        throw ProblemException.notFound("item", type + " " + ref);
    }

    /** The table and the correctable columns of a registry item, with their kinds (bundle file names). */
    private static final Map<String, Map<String, String>> COLUMNS = Map.of(
            "CREDIT_EVENT", cols("severity:severity", "occurred_on:date", "amount:money", "title:text", "detail:text",
                    "repaired_on:date"),
            "LOAN", cols("principal:money", "start_date:date", "due_date:date", "settled_on:date"),
            "FINANCIAL_STATEMENT", cols("total_assets:signed", "total_liabilities:signed", "current_assets:signed",
                    "current_liabilities:signed", "inventory:signed", "cash:signed", "accounts_receivable:signed",
                    "equity:signed", "revenue:signed", "cost_of_sales:signed", "operating_profit:signed",
                    "net_profit:signed", "interest_expense:signed", "operating_cash_flow:signed",
                    "retained_earnings:signed", "rd_expense:signed", "contracts_signed:signed", "contracts_fulfilled:signed"));

    private static final Map<String, String> TABLES = Map.of("CREDIT_EVENT", "credit_events", "LOAN", "loans",
            "FINANCIAL_STATEMENT", "financial_statements");

    private static Map<String, String> cols(String... specs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : specs) {
            String[] kv = s.split(":");
            m.put(kv[0], kv[1]);
        }
        return m;
    }

    /** Whether a correction of fields applies to this kind of item (list and rating results are re-decided instead). */
    boolean correctable() {
        return TABLES.containsKey(type);
    }

    /** The item's row as JSON text, kept with the objection before a correction or a withdrawal. */
    String snapshot(EntityManager em) {
        if (!correctable()) {
            return null;
        }
        Object[] r = CreditSql.single(em.createNativeQuery("select cast(to_jsonb(t) as text) from " + TABLES.get(type)
                + " t where id = ?1").setParameter(1, rowId));
        return r == null ? null : (String) r[0];
    }

    /**
     * Applies the corrected fields; 422 naming the field for a value that is not valid or a field
     * that cannot be corrected. Returns the columns changed.
     */
    List<String> applyCorrection(EntityManager em, Map<String, Object> correction) {
        if (correction == null || correction.isEmpty()) {
            return List.of();
        }
        if (!correctable()) {
            throw ProblemException.invalid("correction", type + " results are decided again, not corrected field by field");
        }
        Map<String, String> allowed = COLUMNS.get(type);
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (var e : correction.entrySet()) {
            String col = e.getKey() == null ? "" : e.getKey().strip().toLowerCase(Locale.ROOT);
            String field = "correction." + e.getKey();
            String kind = allowed.get(col);
            if (kind == null) {
                problems.add(FieldProblem.of(field, "not a correctable field of " + type + "; one of " + allowed.keySet()));
                continue;
            }
            String text = e.getValue() == null ? null : e.getValue().toString().strip();
            try {
                values.put(col, text == null || text.isEmpty() ? null : switch (kind) {
                    case "date" -> ParkDates.parse(text);
                    case "money" -> Money.parseDecimal(text, false);
                    case "signed" -> Money.parseDecimal(text, true);
                    case "severity" -> {
                        if (!Set.of("MINOR", "GENERAL", "SERIOUS").contains(text.toUpperCase(Locale.ROOT))) {
                            throw new InvalidValueException("MINOR, GENERAL or SERIOUS");
                        }
                        yield text.toUpperCase(Locale.ROOT);
                    }
                    default -> io.parkcredit.shared.Text.check(text, col.equals("detail") ? 4000 : 300);
                });
            } catch (InvalidValueException | NumberFormatException ex) {
                problems.add(FieldProblem.of(field, ex.getMessage()));
            }
        }
        if (problems.isEmpty()) {
            checkConsistency(em, values, problems);
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems.get(0).field() + ": " + problems.get(0).message(), problems);
        }
        StringBuilder sql = new StringBuilder("update " + TABLES.get(type) + " set ");
        List<String> changed = new ArrayList<>(values.keySet());
        for (int i = 0; i < changed.size(); i++) {
            sql.append(changed.get(i)).append(" = ?").append(i + 2).append(", ");
        }
        sql.append("updated_at = now() where id = ?1");
        var q = em.createNativeQuery(sql.toString()).setParameter(1, rowId);
        for (int i = 0; i < changed.size(); i++) {
            q.setParameter(i + 2, values.get(changed.get(i)));
        }
        q.executeUpdate();
        return changed;
    }

    /** The row's own rules (a loan settles after it starts, a record is repaired after it occurred), checked before the update. */
    private void checkConsistency(EntityManager em, Map<String, Object> values, List<FieldProblem> problems) {
        if (type.equals("LOAN")) {
            Object[] r = CreditSql.single(em.createNativeQuery("select start_date, due_date, settled_on from loans where id = ?1")
                    .setParameter(1, rowId));
            LocalDate start = values.containsKey("start_date") ? (LocalDate) values.get("start_date") : CreditSql.date(r[0]);
            LocalDate due = values.containsKey("due_date") ? (LocalDate) values.get("due_date") : CreditSql.date(r[1]);
            LocalDate settled = values.containsKey("settled_on") ? (LocalDate) values.get("settled_on") : CreditSql.date(r[2]);
            if (start == null || due == null || values.containsKey("principal") && values.get("principal") == null) {
                problems.add(FieldProblem.of("correction", "principal, start_date and due_date cannot be emptied"));
            } else if (due.isBefore(start)) {
                problems.add(FieldProblem.of("correction.due_date", "before start_date " + start));
            } else if (settled != null && settled.isBefore(start)) {
                problems.add(FieldProblem.of("correction.settled_on", "before start_date " + start));
            } else if (values.get("principal") instanceof java.math.BigDecimal p && p.signum() <= 0) {
                problems.add(FieldProblem.of("correction.principal", "must be more than 0"));
            }
        } else if (type.equals("CREDIT_EVENT")) {
            Object[] r = CreditSql.single(em.createNativeQuery("select occurred_on, repaired_on, severity from credit_events"
                    + " where id = ?1").setParameter(1, rowId));
            LocalDate occurred = values.containsKey("occurred_on") ? (LocalDate) values.get("occurred_on") : CreditSql.date(r[0]);
            LocalDate repaired = values.containsKey("repaired_on") ? (LocalDate) values.get("repaired_on") : CreditSql.date(r[1]);
            if (occurred == null) {
                problems.add(FieldProblem.of("correction.occurred_on", "cannot be emptied"));
            } else if (repaired != null && repaired.isBefore(occurred)) {
                problems.add(FieldProblem.of("correction.repaired_on", "before occurred_on " + occurred));
            }
            if (values.containsKey("severity") && values.get("severity") == null && r[2] != null) {
                problems.add(FieldProblem.of("correction.severity", "a negative record keeps a severity"));
            }
        }
    }

    /** Withdraws the item (REVOKED): the row leaves the registry; the objection keeps its snapshot. */
    void withdraw(EntityManager em) {
        if (correctable()) {
            em.createNativeQuery("delete from " + TABLES.get(type) + " where id = ?1").setParameter(1, rowId).executeUpdate();
        }
    }
}
