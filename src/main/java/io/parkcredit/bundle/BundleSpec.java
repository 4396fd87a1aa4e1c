package io.parkcredit.bundle;

import static io.parkcredit.bundle.BundleColumn.oneOf;
import static io.parkcredit.bundle.BundleColumn.optional;
import static io.parkcredit.bundle.BundleColumn.required;
import static io.parkcredit.bundle.BundleColumn.text;

import io.parkcredit.enterprise.EventType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Data bundle v1, file by file, in the order files are merged (parents before children). */
final class BundleSpec {

    private BundleSpec() {
    }

    static final Set<String> EVENT_TYPES = names(EventType.values());
    static final Set<String> SEVERITIES = Set.of("MINOR", "GENERAL", "SERIOUS");

    static final BundleFile INSTITUTIONS = new BundleFile("institutions", "institutions", List.of("code"), List.of(
            text("code", true, 32),
            text("name", true, 200),
            oneOf("kind", true, null, Set.of("BANK", "GUARANTOR"))), false, true);

    static final BundleFile ENTERPRISES = new BundleFile("enterprises", "enterprises", List.of("uscc"), List.of(
            required("uscc", ColumnKind.USCC),
            text("name", true, 200),
            optional("registered_on", ColumnKind.DATE),
            optional("industry_code", ColumnKind.INDUSTRY),
            optional("registered_capital", ColumnKind.MONEY),
            optional("employees", ColumnKind.COUNT),
            oneOf("status", false, "ACTIVE", Set.of("ACTIVE", "ABNORMAL", "DEREGISTERED")),
            text("contact_name", false, 100),
            optional("contact_mobile", ColumnKind.MOBILE),
            optional("in_park", ColumnKind.BOOL).withDefault("true"),
            text("address", false, 300),
            optional("patents", ColumnKind.COUNT).withDefault("0"),
            optional("software_copyrights", ColumnKind.COUNT).withDefault("0")), false, true);

    static final BundleFile LOANS = new BundleFile("loans", "loans", List.of("lender_code", "loan_no"), List.of(
            text("lender_code", true, 32),
            text("loan_no", true, 64),
            required("uscc", ColumnKind.USCC),
            required("principal", ColumnKind.MONEY),
            required("start_date", ColumnKind.DATE),
            required("due_date", ColumnKind.DATE),
            optional("settled_on", ColumnKind.DATE)), true, true);

    static final BundleFile CREDIT_EVENTS = new BundleFile("credit_events", "credit_events",
            List.of("source", "event_no"), List.of(
            text("source", true, 64),
            text("event_no", true, 64),
            required("uscc", ColumnKind.USCC),
            oneOf("type", true, null, EVENT_TYPES),
            oneOf("severity", false, null, SEVERITIES),
            required("occurred_on", ColumnKind.DATE),
            optional("amount", ColumnKind.MONEY),
            oneOf("grade", false, null, Set.of("A", "B", "M", "C", "D")),
            text("title", false, 300),
            text("detail", false, 4000),
            optional("repaired_on", ColumnKind.DATE)), true, true);

    static final BundleFile FINANCIAL_STATEMENTS = new BundleFile("financial_statements", "financial_statements",
            List.of("uscc", "year"), List.of(
            required("uscc", ColumnKind.USCC),
            required("year", ColumnKind.YEAR),
            optional("total_assets", ColumnKind.MONEY),
            optional("total_liabilities", ColumnKind.MONEY),
            optional("current_assets", ColumnKind.MONEY),
            optional("current_liabilities", ColumnKind.MONEY),
            optional("inventory", ColumnKind.MONEY),
            optional("cash", ColumnKind.MONEY),
            optional("accounts_receivable", ColumnKind.MONEY),
            optional("equity", ColumnKind.MONEY_SIGNED),
            optional("revenue", ColumnKind.MONEY),
            optional("cost_of_sales", ColumnKind.MONEY),
            optional("operating_profit", ColumnKind.MONEY_SIGNED),
            optional("net_profit", ColumnKind.MONEY_SIGNED),
            optional("interest_expense", ColumnKind.MONEY),
            optional("operating_cash_flow", ColumnKind.MONEY_SIGNED),
            optional("retained_earnings", ColumnKind.MONEY_SIGNED),
            optional("rd_expense", ColumnKind.MONEY),
            optional("contracts_signed", ColumnKind.MONEY),
            optional("contracts_fulfilled", ColumnKind.MONEY)), true, true);

    static final BundleFile TRANSACTIONS = new BundleFile("transactions", "transactions", List.of("txn_id"), List.of(
            text("txn_id", true, 64),
            required("uscc", ColumnKind.USCC),
            required("booked_on", ColumnKind.DATE),
            oneOf("direction", true, null, Set.of("IN", "OUT")),
            required("amount", ColumnKind.MONEY),
            optional("counterparty_uscc", ColumnKind.USCC),
            text("counterparty_name", false, 200)), true, false);

    /** Merge order: institutions and enterprises before the rows that point at them. */
    static final List<BundleFile> FILES = List.of(INSTITUTIONS, ENTERPRISES, LOANS, CREDIT_EVENTS,
            FINANCIAL_STATEMENTS, TRANSACTIONS);

    static Optional<BundleFile> byName(String name) {
        return FILES.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> s = new LinkedHashSet<>();
        Arrays.stream(values).forEach(v -> s.add(v.name()));
        return Set.copyOf(s);
    }
}
