package io.parkcredit.monitoring;

import io.parkcredit.security.Action;
import com.fasterxml.jackson.databind.JsonNode;
import io.parkcredit.enterprise.EventType;
import io.parkcredit.enterprise.Severity;
import io.parkcredit.enterprise.Uscc;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Money;
import io.parkcredit.shared.ParkDates;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code POST /api/credit-events} (API.md): one event or an array with the credit_events.csv
 * fields, checked as a bundle row is (DOMAIN.md §2–§3), stored set-based; a known event (same
 * source and event number) is returned as stored and raises nothing new. The new events go through
 * the monitoring pass in the same transaction, so their alerts and SMS exist when the answer leaves.
 */
@ApplicationScoped
public class EventIntake {

    public static final int MAX_EVENTS = 10_000;

    @Inject
    io.parkcredit.security.CurrentUser currentUser;

    @Inject
    DataSource dataSource;

    @Inject
    MonitoringPass pass;

    @Inject
    Clock clock;

    /** A stored event as the API returns it; {@code created} false for an event already known. */
    public record StoredEvent(long id, String source, String eventNo, String uscc, String type, String severity,
            LocalDate occurredOn, BigDecimal amount, String grade, String title, String detail, LocalDate repairedOn,
            Instant recordedAt, boolean created) {
    }

    record Row(String source, String eventNo, String uscc, EventType type, Severity severity, LocalDate occurredOn,
            BigDecimal amount, String grade, String title, String detail, LocalDate repairedOn) {
    }

    @Transactional
    public List<StoredEvent> accept(JsonNode body) {
        currentUser.require(Action.CREDIT_EVENT_REPORT);
        List<Row> rows = parse(body);
        try (Connection c = dataSource.getConnection()) {
            Map<String, MonitoringPass.FirmContact> firms = checkFirms(c, rows, body.isArray());
            // this transaction alerts on its own events (below): the queue trigger leaves them out
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("set local parkcredit.monitoring_inline = 'on'");
            }
            Map<String, StoredEvent> created = insert(c, rows);
            if (!created.isEmpty()) {
                pass.processNew(created.values().stream().sorted(java.util.Comparator.comparingLong(StoredEvent::id)).map(e -> new MonitoringPass.NewEvent(e.id(), e.source(), e.eventNo(),
                        e.uscc(), e.type(), e.severity(), e.occurredOn(), e.title())).toList(), firms, LocalDate.now(clock));
            }
            return stored(c, rows, created);
        } catch (SQLException e) {
            throw new IllegalStateException("storing credit events failed: " + e.getMessage(), e);
        }
    }

    static List<Row> parse(JsonNode body) {
        if (body == null || !(body.isObject() || body.isArray())) {
            throw ProblemException.badRequest("expected one credit event (a JSON object) or an array of them");
        }
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        if (items.isEmpty()) {
            throw ProblemException.invalid("events", "no event given");
        }
        if (items.size() > MAX_EVENTS) {
            throw ProblemException.invalid("events", "at most " + MAX_EVENTS + " events per request");
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String prefix = body.isArray() ? "[" + i + "]." : "";
            rows.add(parseOne(items.get(i), prefix, problems));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems.size() + " invalid field(s)", problems.subList(0, Math.min(problems.size(), 1000)));
        }
        return rows;
    }

    private static Row parseOne(JsonNode n, String p, List<FieldProblem> problems) {
        if (!n.isObject()) {
            problems.add(FieldProblem.of(p.isEmpty() ? "event" : p.substring(0, p.length() - 1), "not a JSON object"));
            return null;
        }
        String source = text(n, p, "source", true, 64, problems);
        String eventNo = text(n, p, "eventNo", true, 64, problems);
        String uscc = null;
        try {
            uscc = Uscc.parse(str(n, "uscc")).value();
        } catch (InvalidValueException e) {
            problems.add(FieldProblem.of(p + "uscc", e.getMessage()));
        }
        EventType type = enumOf(EventType.class, n, p, "type", true, problems);
        Severity severity = enumOf(Severity.class, n, p, "severity", false, problems);
        if (type != null && type.negative() && severity == null && str(n, "severity") == null) {
            problems.add(FieldProblem.of(p + "severity", "required for the negative type " + type + " (MINOR, GENERAL or SERIOUS)"));
        }
        if (type != null && !type.negative() && severity != null) {
            problems.add(FieldProblem.of(p + "severity", "only negative types carry a severity; " + type + " is positive"));
        }
        LocalDate occurred = date(n, p, "occurredOn", true, problems);
        LocalDate repaired = date(n, p, "repairedOn", false, problems);
        if (occurred != null && repaired != null && repaired.isBefore(occurred)) {
            problems.add(FieldProblem.of(p + "repairedOn", "repaired on " + repaired + ", before it occurred on " + occurred));
        }
        BigDecimal amount = null;
        String amountText = str(n, "amount");
        if (amountText != null) {
            try {
                amount = Money.parseDecimal(amountText, false);
            } catch (InvalidValueException | NumberFormatException e) {
                problems.add(FieldProblem.of(p + "amount", e.getMessage()));
            }
        }
        String grade = str(n, "grade");
        if (grade != null && !Set.of("A", "B", "M", "C", "D").contains(grade)) {
            problems.add(FieldProblem.of(p + "grade", "one of A, B, M, C, D"));
        }
        if (type == EventType.TAX_CREDIT_GRADE && grade == null) {
            problems.add(FieldProblem.of(p + "grade", "required for TAX_CREDIT_GRADE (A, B, M, C or D)"));
        }
        if (type != null && type != EventType.TAX_CREDIT_GRADE && grade != null) {
            problems.add(FieldProblem.of(p + "grade", "only TAX_CREDIT_GRADE events carry a grade"));
        }
        String title = text(n, p, "title", false, 300, problems);
        String detail = text(n, p, "detail", false, 4000, problems);
        return new Row(source, eventNo, uscc, type, severity, occurred, amount, grade, title, detail, repaired);
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.isTextual() ? v.textValue() : v.toString();
        return s.isBlank() ? null : s.strip();
    }

    private static String text(JsonNode n, String p, String field, boolean required, int max, List<FieldProblem> problems) {
        String s = str(n, field);
        if (s == null && required) {
            problems.add(FieldProblem.of(p + field, "required"));
        } else if (s != null && s.length() > max) {
            problems.add(FieldProblem.of(p + field, "at most " + max + " characters"));
        }
        return s;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n, String p, String field, boolean required,
            List<FieldProblem> problems) {
        String s = str(n, field);
        if (s == null) {
            if (required) {
                problems.add(FieldProblem.of(p + field, "required"));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, s.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(FieldProblem.of(p + field, "unknown value '" + s + "'; one of "
                    + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static LocalDate date(JsonNode n, String p, String field, boolean required, List<FieldProblem> problems) {
        String s = str(n, field);
        if (s == null) {
            if (required) {
                problems.add(FieldProblem.of(p + field, "required"));
            }
            return null;
        }
        try {
            return ParkDates.parse(s);
        } catch (InvalidValueException e) {
            problems.add(FieldProblem.of(p + field, e.getMessage()));
            return null;
        }
    }

    /** The events' firms as the monitoring pass needs them (name, contact mobile); refuses firms not in the registry. */
    private static Map<String, MonitoringPass.FirmContact> checkFirms(Connection c, List<Row> rows, boolean array)
            throws SQLException {
        Map<String, MonitoringPass.FirmContact> known = new HashMap<>();
        // the arrays' text is compared under the columns' "C" collation so that the key indexes are used
        try (PreparedStatement ps = c.prepareStatement("select e.uscc, e.name, e.contact_mobile from unnest(?::text[]) u (x)"
                + " join enterprises e on e.uscc = (u.x::char(18) collate \"C\")")) {
            ps.setArray(1, c.createArrayOf("text", rows.stream().map(Row::uscc).distinct().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.put(rs.getString(1), new MonitoringPass.FirmContact(rs.getString(2), rs.getString(3)));
                }
            }
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < rows.size() && problems.size() < 1000; i++) {
            if (!known.containsKey(rows.get(i).uscc())) {
                problems.add(FieldProblem.of((array ? "[" + i + "]." : "") + "uscc",
                        "no enterprise " + rows.get(i).uscc() + " in the registry"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid("events name firms that are not in the registry", problems);
        }
        return known;
    }

    /** Inserts the rows that are new; returns them as stored, by {@link #key}. */
    private static Map<String, StoredEvent> insert(Connection c, List<Row> rows) throws SQLException {
        int n = rows.size();
        Object[][] cols = new Object[11][n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            cols[0][i] = r.source();
            cols[1][i] = r.eventNo();
            cols[2][i] = r.uscc();
            cols[3][i] = r.type().name();
            cols[4][i] = r.severity() == null ? null : r.severity().name();
            cols[5][i] = r.occurredOn().toString();
            cols[6][i] = r.amount();
            cols[7][i] = r.grade();
            cols[8][i] = r.title();
            cols[9][i] = r.detail();
            cols[10][i] = r.repairedOn() == null ? null : r.repairedOn().toString();
        }
        String[] types = {"text", "text", "text", "text", "text", "text", "numeric", "text", "text", "text", "text"};
        try (PreparedStatement ps = c.prepareStatement("with ins as (insert into credit_events (source, event_no, uscc, type,"
                + " severity, occurred_on, amount, grade, title, detail, repaired_on)"
                + " select s, e, u, t, sv, o::date, a, g, ti, d, r::date from unnest(?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " v (s, e, u, t, sv, o, a, g, ti, d, r)"
                + " on conflict (source, event_no) do nothing returning " + STORED_COLUMNS + ") select * from ins")) {
            for (int k = 0; k < 11; k++) {
                ps.setArray(k + 1, c.createArrayOf(types[k], cols[k]));
            }
            return read(ps, true);
        }
    }

    private static final String STORED_COLUMNS = "id, source, event_no, uscc, type, severity, occurred_on, amount, grade,"
            + " title, detail, repaired_on, recorded_at";

    private static String key(String source, String eventNo) {
        return source + "\u0000" + eventNo;
    }

    private static Map<String, StoredEvent> read(PreparedStatement ps, boolean created) throws SQLException {
        Map<String, StoredEvent> byKey = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                StoredEvent e = new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getBigDecimal(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getObject(12, LocalDate.class),
                        rs.getTimestamp(13).toInstant(), created);
                byKey.put(key(e.source(), e.eventNo()), e);
            }
        }
        return byKey;
    }

    /**
     * The answer in the order of the request, each event once: the ones just stored as the insert
     * returned them, the ones known before (same source and number) read back.
     */
    private static List<StoredEvent> stored(Connection c, List<Row> rows, Map<String, StoredEvent> created)
            throws SQLException {
        Map<String, StoredEvent> byKey = new HashMap<>(created);
        List<Row> known = rows.stream().filter(r -> !created.containsKey(key(r.source(), r.eventNo()))).toList();
        if (!known.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("select " + STORED_COLUMNS
                    + " from unnest(?::text[], ?::text[]) k (s, n)"
                    + " join credit_events e on e.source = (k.s collate \"C\") and e.event_no = (k.n collate \"C\")")) {
                ps.setArray(1, c.createArrayOf("text", known.stream().map(Row::source).toArray()));
                ps.setArray(2, c.createArrayOf("text", known.stream().map(Row::eventNo).toArray()));
                byKey.putAll(read(ps, false));
            }
        }
        List<StoredEvent> out = new ArrayList<>(rows.size());
        Set<String> seen = new HashSet<>();
        for (Row r : rows) {
            String key = key(r.source(), r.eventNo());
            if (seen.add(key)) {
                out.add(byKey.get(key));
            }
        }
        return out;
    }
}
