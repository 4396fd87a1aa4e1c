package io.parkcredit.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.InvalidValueException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Header checks, per-column normalisation and the cross-field rules of bundle v1 (DOMAIN.md §3). */
class RowCheckerTest {

    private static final String FIRM = "91350100M000100Y43";
    private static final String OTHER_FIRM = "914403001922038216";

    private static final List<String> LOAN_HEADER = List.of(
            "lender_code", "loan_no", "uscc", "principal", "start_date", "due_date", "settled_on");
    private static final List<String> EVENT_HEADER = List.of("source", "event_no", "uscc", "type", "severity",
            "occurred_on", "amount", "grade", "title", "detail", "repaired_on");
    private static final List<String> TXN_HEADER = List.of(
            "txn_id", "uscc", "booked_on", "direction", "amount", "counterparty_uscc", "counterparty_name");

    /** The outcome of checking one row: normalised values of the present columns, or null, and the errors. */
    record Outcome(String[] values, List<FieldProblem> errors) {
        List<String> columnsInError() {
            return errors.stream().map(FieldProblem::column).toList();
        }
    }

    private static Outcome check(BundleFile file, List<String> header, String... cells) {
        RowChecker checker = new RowChecker(file, header);
        assertThat(checker.headerProblems()).as("header problems").isEmpty();
        List<FieldProblem> errors = new ArrayList<>();
        String[] values = checker.check(7, (position, kind) -> position < cells.length ? cells[position] : null,
                errors::add);
        return new Outcome(values, errors);
    }

    private static List<FieldProblem> headerProblems(BundleFile file, String... header) {
        return new RowChecker(file, Arrays.asList(header)).headerProblems();
    }

    private static BundleColumn column(BundleFile file, String name) {
        return file.column(name).orElseThrow();
    }

    // ---- header -------------------------------------------------------------------------------

    @Test
    void aCompleteHeaderHasNoProblems() {
        for (BundleFile file : BundleSpec.FILES) {
            List<String> header = file.columns().stream().map(BundleColumn::name).toList();
            RowChecker checker = new RowChecker(file, header);
            assertThat(checker.headerProblems()).as(file.name()).isEmpty();
            assertThat(checker.presentColumns()).isEqualTo(file.columns());
        }
    }

    @Test
    void anUnknownColumnIsNamedWithTheExpectedOnes() {
        List<FieldProblem> problems = headerProblems(BundleSpec.ENTERPRISES, "uscc", "name", "colour");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("enterprises.csv");
            assertThat(p.line()).isEqualTo(1L);
            assertThat(p.column()).isEqualTo("colour");
            assertThat(p.message()).startsWith("unknown column").contains("registered_on");
        });
    }

    @Test
    void aDuplicateColumnIsReported() {
        List<FieldProblem> problems = headerProblems(BundleSpec.ENTERPRISES, "uscc", "name", "Name ");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("name");
            assertThat(p.message()).isEqualTo("column appears twice in the header");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "enterprises|uscc,registered_on|name",
        "enterprises|name|uscc",
        "loans|lender_code,uscc,principal,start_date,due_date|loan_no",
        "loans|lender_code,loan_no,uscc,principal,start_date|due_date",
        "credit_events|source,uscc,type,occurred_on|event_no",
        "financial_statements|uscc,revenue|year",
        "transactions|uscc,booked_on,direction,amount|txn_id",
        "institutions|code,name|kind",
    })
    void aMissingRequiredOrKeyColumnIsReported(String fileName, String header, String missing) {
        BundleFile file = BundleSpec.byName(fileName).orElseThrow();

        List<FieldProblem> problems = headerProblems(file, header.split(","));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo(missing);
            assertThat(p.message()).isEqualTo("required column is missing");
        });
    }

    @Test
    void aByteOrderMarkBeforeTheFirstColumnIsTolerated() {
        RowChecker checker = new RowChecker(BundleSpec.ENTERPRISES, List.of("\uFEFFuscc", "name"));

        assertThat(checker.headerProblems()).isEmpty();
        assertThat(checker.presentColumns()).extracting(BundleColumn::name).containsExactly("uscc", "name");
    }

    @Test
    void headerNamesIgnoreCaseAndSurroundingSpaces() {
        assertThat(headerProblems(BundleSpec.ENTERPRISES, " USCC", "Name ")).isEmpty();
    }

    @Test
    void anEmptyColumnNameIsReportedByPosition() {
        assertThat(headerProblems(BundleSpec.ENTERPRISES, "uscc", "name", " "))
                .singleElement().extracting(FieldProblem::column).isEqualTo("#3");
    }

    // ---- one cell -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}.{1}: [{2}] -> {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // USCC
        "enterprises|uscc|' 91350100m000100y43 '|91350100M000100Y43",
        "transactions|counterparty_uscc|914403001922038216|914403001922038216",
        // TEXT: stripped, kept as written
        "enterprises|name|'  舞钢市华鑫钢铁有限公司 '|舞钢市华鑫钢铁有限公司",
        // DATE: any accepted form becomes ISO
        "loans|start_date|2023年5月7日|2023-05-07",
        "loans|due_date|2023/5/7|2023-05-07",
        "enterprises|registered_on|20230507|2023-05-07",
        // MONEY and MONEY_SIGNED: plain, two decimals
        "loans|principal|1,234.5|1234.50",
        "enterprises|registered_capital|0|0.00",
        "financial_statements|equity|-1,000|-1000.00",
        "financial_statements|net_profit|12.3|12.30",
        // COUNT
        "enterprises|employees|12|12",
        "enterprises|patents|0|0",
        // YEAR
        "financial_statements|year|2024|2024",
        // BOOL
        "enterprises|in_park|true|true",
        "enterprises|in_park|FALSE|false",
        "enterprises|in_park|1|true",
        "enterprises|in_park|0|false",
        "enterprises|in_park|Yes|true",
        "enterprises|in_park|n|false",
        "enterprises|in_park|是|true",
        "enterprises|in_park|否|false",
        // ENUM: upper-cased
        "enterprises|status|abnormal|ABNORMAL",
        "credit_events|type|tax_credit_grade|TAX_CREDIT_GRADE",
        "credit_events|severity|Serious|SERIOUS",
        "credit_events|grade|m|M",
        "transactions|direction|in|IN",
        "institutions|kind|guarantor|GUARANTOR",
        // MOBILE
        "enterprises|contact_mobile|+86 138-0013-8000|13800138000",
        // INDUSTRY: letter A-T and 2-4 digits
        "enterprises|industry_code|c3562|C3562",
        "enterprises|industry_code|C35|C35",
        "enterprises|industry_code|T9700|T9700",
        // blanks: defaults, or null for optional columns
        "enterprises|status|''|ACTIVE",
        "enterprises|status|'  '|ACTIVE",
        "enterprises|in_park|''|true",
        "enterprises|patents|''|0",
        "enterprises|software_copyrights|NULL|0",
        "enterprises|registered_on|''|NULL",
        "enterprises|contact_mobile|'   '|NULL",
        "loans|settled_on|''|NULL",
        "credit_events|severity|''|NULL",
        "transactions|counterparty_uscc|''|NULL",
    })
    void eachKindIsNormalised(String fileName, String columnName, String raw, String expected) {
        BundleColumn col = column(BundleSpec.byName(fileName).orElseThrow(), columnName);

        assertThat(RowChecker.normalise(col, raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}.{1}: [{2}] rejected")
    @CsvSource(delimiter = '|', value = {
        "enterprises|uscc|91350100M000100Y44|position 18",
        "enterprises|name|''|required value is missing",
        "loans|principal|'  '|required value is missing",
        "loans|start_date|2023-02-30|no such calendar day",
        "loans|start_date|07/05/2023|unreadable date",
        "loans|principal|-5|negative amount not allowed",
        "loans|principal|1.234|at most 2 decimals",
        "financial_statements|equity|-1.234|at most 2 decimals",
        "enterprises|employees|-1|must not be negative",
        "enterprises|employees|1.5|expected a whole number",
        "enterprises|employees|many|expected a whole number",
        "financial_statements|year|1899|year out of range",
        "financial_statements|year|twenty|expected a year",
        "enterprises|in_park|maybe|expected true or false",
        "enterprises|status|CLOSED|unknown value CLOSED; expected one of [ABNORMAL, ACTIVE, DEREGISTERED]",
        "credit_events|type|FRAUD|unknown value FRAUD",
        "credit_events|grade|E|unknown value E",
        "transactions|direction|SIDEWAYS|unknown value SIDEWAYS",
        "enterprises|contact_mobile|12800138000|not a mainland mobile number",
        "enterprises|industry_code|3562|not a GB/T 4754 industry code",
        "enterprises|industry_code|C3|not a GB/T 4754 industry code",
        "enterprises|industry_code|C35621|not a GB/T 4754 industry code",
        "enterprises|industry_code|U1234|not a GB/T 4754 industry code",
    })
    void badCellsAreRejectedWithTheReason(String fileName, String columnName, String raw, String reason) {
        BundleColumn col = column(BundleSpec.byName(fileName).orElseThrow(), columnName);

        assertThatThrownBy(() -> RowChecker.normalise(col, raw))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void textLongerThanTheColumnIsRejected() {
        BundleColumn contact = column(BundleSpec.ENTERPRISES, "contact_name");

        assertThat(RowChecker.normalise(contact, "王".repeat(100))).hasSize(100);
        assertThatThrownBy(() -> RowChecker.normalise(contact, "王".repeat(101)))
                .hasMessage("longer than 100 characters");
    }

    // ---- whole rows ---------------------------------------------------------------------------

    @Test
    void aGoodLoanRowIsNormalisedInSpecOrder() {
        Outcome out = check(BundleSpec.LOANS, LOAN_HEADER,
                "B001", "L-1", FIRM.toLowerCase(), "1,000,000", "2023/5/7", "2024年5月7日", "");

        assertThat(out.errors()).isEmpty();
        assertThat(out.values()).containsExactly(
                "B001", "L-1", FIRM, "1000000.00", "2023-05-07", "2024-05-07", null);
    }

    @Test
    void everyBadCellOfARowIsReportedWithFileLineAndColumn() {
        Outcome out = check(BundleSpec.LOANS, LOAN_HEADER,
                "B001", "", "91350100M000100Y44", "-1", "2023-02-30", "2024-05-07", "");

        assertThat(out.values()).isNull();
        assertThat(out.columnsInError()).containsExactly("loan_no", "uscc", "principal", "start_date");
        assertThat(out.errors()).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("loans.csv");
            assertThat(p.line()).isEqualTo(7L);
        });
    }

    @ParameterizedTest(name = "start {0}, due {1}, settled [{2}], principal {3} -> {4}")
    @CsvSource(delimiter = '|', value = {
        // due date against start date (compared as dates, whatever the input form)
        "2023-05-07|2023-05-06|''|100|due_date",
        "2023/5/10|2023/5/9|''|100|due_date",
        "2023-05-07|2023-05-07|''|100|",
        // settled against start date
        "2023-05-07|2024-05-07|2023-05-06|100|settled_on",
        "2023-05-07|2024-05-07|2023-05-07|100|",
        "2023-05-07|2024-05-07|2023-06-01|100|",
        // principal must be positive
        "2023-05-07|2024-05-07|''|0|principal",
        "2023-05-07|2024-05-07|''|0.00|principal",
        "2023-05-07|2024-05-07|''|0.01|",
        // several rules at once are all reported
        "2023-05-07|2023-05-01|2023-05-02|0|due_date;settled_on;principal",
    })
    void loanCrossRules(String start, String due, String settled, String principal, String failing) {
        Outcome out = check(BundleSpec.LOANS, LOAN_HEADER, "B001", "L-1", FIRM, principal, start, due, settled);

        assertFails(out, failing);
    }

    @ParameterizedTest(name = "{0} severity [{1}] grade [{2}] occurred {3} repaired [{4}] -> {5}")
    @CsvSource(delimiter = '|', value = {
        // severity belongs to negative types only
        "ADMIN_PENALTY|GENERAL|''|2023-05-07|''|",
        "ADMIN_PENALTY|''|''|2023-05-07|''|severity",
        "DEBT_EVASION|''|''|2023-05-07|''|severity",
        "HONOR|''|''|2023-05-07|''|",
        "HONOR|MINOR|''|2023-05-07|''|severity",
        "CHARITY|SERIOUS|''|2023-05-07|''|severity",
        // grade belongs to TAX_CREDIT_GRADE only, which needs one
        "TAX_CREDIT_GRADE|''|A|2023-05-07|''|",
        "tax_credit_grade|''|d|2023-05-07|''|",
        "TAX_CREDIT_GRADE|''|''|2023-05-07|''|grade",
        "HONOR|''|A|2023-05-07|''|grade",
        "ADMIN_PENALTY|MINOR|B|2023-05-07|''|grade",
        "TAX_CREDIT_GRADE|GENERAL|B|2023-05-07|''|severity",
        // repaired on or after it occurred
        "ADMIN_PENALTY|MINOR|''|2023-05-07|2023-05-06|repaired_on",
        "ADMIN_PENALTY|MINOR|''|2023年5月10日|2023/5/9|repaired_on",
        "ADMIN_PENALTY|MINOR|''|2023-05-07|2023-05-07|",
        "ADMIN_PENALTY|MINOR|''|2023-05-07|2024-01-01|",
        // several at once
        "HONOR|MINOR|C|2023-05-07|2023-01-01|severity;grade;repaired_on",
    })
    void eventCrossRules(String type, String severity, String grade, String occurred, String repaired, String failing) {
        Outcome out = check(BundleSpec.CREDIT_EVENTS, EVENT_HEADER,
                "SAMR", "E-1", FIRM, type, severity, occurred, "", grade, "标题", "", repaired);

        assertFails(out, failing);
    }

    @ParameterizedTest(name = "amount {0}, counterparty [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
        "100|914403001922038216|",
        "100|''|",
        "0|914403001922038216|amount",
        "0.00|''|amount",
        "100|91350100M000100Y43|counterparty_uscc",
        "100|' 91350100m000100y43 '|counterparty_uscc",
        "0|91350100M000100Y43|amount;counterparty_uscc",
    })
    void transactionCrossRules(String amount, String counterparty, String failing) {
        Outcome out = check(BundleSpec.TRANSACTIONS, TXN_HEADER,
                "T-1", FIRM, "2023-05-07", "IN", amount, counterparty, "客户");

        assertFails(out, failing);
    }

    @Test
    void crossRulesWaitUntilTheCellsAreValid() {
        // the principal is unreadable, so the (also broken) date order is not judged yet
        Outcome out = check(BundleSpec.LOANS, LOAN_HEADER, "B001", "L-1", FIRM, "abc", "2023-05-07", "2023-05-01", "");

        assertThat(out.columnsInError()).containsExactly("principal");
    }

    private static void assertFails(Outcome out, String failing) {
        if (failing == null) {
            assertThat(out.errors()).isEmpty();
            assertThat(out.values()).isNotNull();
        } else {
            assertThat(out.values()).isNull();
            assertThat(out.columnsInError()).containsExactlyInAnyOrder(failing.split(";"));
        }
    }

    // ---- partial files ------------------------------------------------------------------------

    @Test
    void onlyThePresentColumnsGetValuesInSpecOrder() {
        // given a file that updates employees only, its columns not in spec order
        List<String> header = List.of("employees", "uscc", "name");

        // when
        RowChecker checker = new RowChecker(BundleSpec.ENTERPRISES, header);
        List<FieldProblem> errors = new ArrayList<>();
        String[] cells = {"40", FIRM, "舞钢市华鑫钢铁有限公司"};
        String[] values = checker.check(2, (position, kind) -> cells[position], errors::add);

        // then: no status/in_park/patents defaults that would overwrite stored values
        assertThat(checker.headerProblems()).isEmpty();
        assertThat(checker.presentColumns()).extracting(BundleColumn::name)
                .containsExactly("uscc", "name", "employees");
        assertThat(errors).isEmpty();
        assertThat(values).containsExactly(FIRM, "舞钢市华鑫钢铁有限公司", "40");
    }

    @Test
    void blankDefaultsApplyToPresentColumnsOnly() {
        Outcome out = check(BundleSpec.ENTERPRISES, List.of("uscc", "name", "status", "patents"),
                FIRM, "舞钢市华鑫钢铁有限公司", "", "");

        assertThat(out.errors()).isEmpty();
        assertThat(out.values()).containsExactly(FIRM, "舞钢市华鑫钢铁有限公司", "ACTIVE", "0");
    }

    @Test
    void aShortRowLeavesItsMissingCellsBlank() {
        Outcome out = check(BundleSpec.LOANS, LOAN_HEADER, "B001", "L-1", FIRM, "100", "2023-05-07", "2024-05-07");

        assertThat(out.errors()).isEmpty();
        assertThat(out.values()).hasSize(7);
        assertThat(out.values()[6]).isNull();
    }

    @Test
    void aPartialStatementCarriesOnlyItsFigures() {
        Outcome out = check(BundleSpec.FINANCIAL_STATEMENTS, List.of("uscc", "year", "revenue", "net_profit"),
                FIRM, "2024", "1,000", "-50.5");

        assertThat(out.errors()).isEmpty();
        assertThat(out.values()).containsExactly(FIRM, "2024", "1000.00", "-50.50");
    }

    @Test
    void aPartialTransactionFileWithoutCounterpartyStillChecksTheAmount() {
        Outcome out = check(BundleSpec.TRANSACTIONS, List.of("txn_id", "uscc", "booked_on", "direction", "amount"),
                "T-1", FIRM, "2023-05-07", "OUT", "0");

        assertThat(out.columnsInError()).containsExactly("amount");
    }

    @Test
    void anotherFirmAsCounterpartyIsFine() {
        Outcome out = check(BundleSpec.TRANSACTIONS, TXN_HEADER,
                "T-1", FIRM, "2023-05-07", "IN", "1", OTHER_FIRM, "");

        assertThat(out.values()).containsExactly("T-1", FIRM, "2023-05-07", "IN", "1.00", OTHER_FIRM, null);
    }
}
