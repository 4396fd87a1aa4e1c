package io.parkcredit.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.parkcredit.enterprise.Loan;
import io.parkcredit.enterprise.Uscc;
import io.parkcredit.shared.FieldProblem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The demo park generator: deterministic bytes, rows that pass the bundle checks, consistent references. */
class DemoParkTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 4, 1);

    /** A bundle file as read back from the zip: header and rows, as the CSV reader sees them. */
    record Table(List<String> header, List<CsvRecord> rows) {
        List<String> column(String name) {
            int i = header.indexOf(name);
            assertThat(i).as("column " + name).isNotNegative();
            return rows.stream().map(r -> r.getField(i)).toList();
        }
    }

    private static byte[] zip(DemoPark.Settings settings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DemoPark(settings).writeZip(out);
        return out.toByteArray();
    }

    /** The zip's CSV entries, in archive order. */
    private static Map<String, Table> read(byte[] zip) throws IOException {
        Map<String, Table> tables = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                List<CsvRecord> records = new ArrayList<>();
                try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(text)) {
                    reader.forEach(records::add);
                }
                tables.put(e.getName().replace(".csv", ""),
                        new Table(records.get(0).getFields(), records.subList(1, records.size())));
            }
        }
        return tables;
    }

    @Test
    void theSameSettingsGiveTheSameBytes() throws IOException {
        DemoPark.Settings settings = DemoPark.Settings.demo(40, AS_OF);

        byte[] first = zip(settings);
        byte[] second = zip(settings);

        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @Test
    void anotherSeedGivesAnotherPark() throws IOException {
        DemoPark.Settings a = DemoPark.Settings.demo(40, AS_OF);
        DemoPark.Settings b = new DemoPark.Settings(40, 3, 6, 3, 60, AS_OF, a.seed() + 1, false);

        assertThat(zip(a)).isNotEqualTo(zip(b));
    }

    @Test
    void entryTimesDoNotComeFromTheWallClock() throws IOException {
        // the same settings written at another time must give the same bytes, so no entry may carry "now"
        LocalDateTime before = LocalDateTime.now().minusSeconds(4);
        byte[] zip = zip(DemoPark.Settings.demo(5, AS_OF));
        LocalDateTime after = LocalDateTime.now().plusSeconds(4);

        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertThat(e.getTimeLocal()).as(e.getName())
                        .matches(t -> t.isBefore(before) || t.isAfter(after), "is not the time of writing");
            }
        }
    }

    @Test
    void everyRowOfASmallParkPassesTheBundleChecks() throws IOException {
        Map<String, Table> tables = read(zip(DemoPark.Settings.demo(150, AS_OF)));

        assertThat(tables.keySet()).containsExactly(
                "institutions", "enterprises", "loans", "credit_events", "financial_statements", "transactions");
        for (Map.Entry<String, Table> t : tables.entrySet()) {
            BundleFile file = BundleSpec.byName(t.getKey()).orElseThrow();
            RowChecker checker = new RowChecker(file, t.getValue().header());
            assertThat(checker.headerProblems()).as(file.fileName()).isEmpty();
            assertThat(checker.presentColumns()).as(file.fileName()).isEqualTo(file.columns());
            assertThat(t.getValue().rows()).as(file.fileName()).isNotEmpty();

            List<FieldProblem> errors = new ArrayList<>();
            for (CsvRecord row : t.getValue().rows()) {
                assertThat(row.getFieldCount()).as("%s line %d", file.fileName(), row.getStartingLineNumber())
                        .isEqualTo(file.columns().size());
                checker.check(row.getStartingLineNumber(), (position, kind) -> row.getField(position), errors::add);
            }
            assertThat(errors).as(file.fileName()).isEmpty();
        }
    }

    @Test
    void naturalKeysAreUnique() throws IOException {
        Map<String, Table> tables = read(zip(DemoPark.Settings.demo(150, AS_OF)));

        for (Map.Entry<String, Table> t : tables.entrySet()) {
            BundleFile file = BundleSpec.byName(t.getKey()).orElseThrow();
            Table table = t.getValue();
            List<Integer> keyPositions = file.key().stream().map(table.header()::indexOf).toList();
            Set<List<String>> keys = new HashSet<>();
            for (CsvRecord row : table.rows()) {
                List<String> key = keyPositions.stream().map(row::getField).toList();
                assertThat(keys.add(key)).as("%s repeats key %s", file.fileName(), key).isTrue();
            }
        }
    }

    @Test
    void everyRowPointsAtAGeneratedFirmOrInstitution() throws IOException {
        Map<String, Table> tables = read(zip(DemoPark.Settings.demo(150, AS_OF)));
        Set<String> firms = new HashSet<>(tables.get("enterprises").column("uscc"));
        Set<String> institutions = new HashSet<>(tables.get("institutions").column("code"));

        assertThat(firms).hasSize(150);
        for (String file : List.of("loans", "credit_events", "financial_statements", "transactions")) {
            assertThat(tables.get(file).column("uscc")).as(file).isNotEmpty().allMatch(firms::contains);
        }
        List<String> counterparties = tables.get("transactions").column("counterparty_uscc").stream()
                .filter(s -> !s.isEmpty()).toList();
        assertThat(counterparties).isNotEmpty().allMatch(firms::contains);
        assertThat(tables.get("loans").column("lender_code")).allMatch(institutions::contains);
    }

    @Test
    void nothingHappensAfterTheDayTheParkIsSeenFrom() throws IOException {
        Map<String, Table> tables = read(zip(DemoPark.Settings.demo(150, AS_OF)));

        Map<String, List<String>> dated = Map.of(
                "loans", List.of("start_date", "settled_on"),
                "credit_events", List.of("occurred_on", "repaired_on"),
                "transactions", List.of("booked_on"),
                "enterprises", List.of("registered_on"));
        dated.forEach((file, columns) -> columns.forEach(column ->
                assertThat(tables.get(file).column(column)).as(file + "." + column)
                        .filteredOn(s -> !s.isEmpty())
                        .isNotEmpty()
                        .allMatch(s -> LocalDate.parse(s).isBefore(AS_OF))));
    }

    @Test
    void aDemoParkHasSomeLoansInArrears() throws IOException {
        Table loans = read(zip(DemoPark.Settings.demo(150, AS_OF))).get("loans");
        List<String> due = loans.column("due_date");
        List<String> settled = loans.column("settled_on");

        long inArrears = 0;
        for (int i = 0; i < due.size(); i++) {
            LocalDate s = settled.get(i).isEmpty() ? null : LocalDate.parse(settled.get(i));
            if (Loan.inArrearsOn(LocalDate.parse(due.get(i)), s, AS_OF)) {
                inArrears++;
            }
        }
        assertThat(inArrears).isPositive().isLessThan(due.size() / 2);
    }

    @Test
    void benchmarkSettingsGiveExactCountsPerFirm() throws IOException {
        int firms = 30;
        Map<String, Table> tables = read(zip(DemoPark.Settings.benchmark(firms, AS_OF)));
        List<String> usccs = tables.get("enterprises").column("uscc");

        assertThat(usccs).hasSize(firms).doesNotHaveDuplicates();
        Map<String, Integer> perFile = Map.of("loans", 5, "credit_events", 10, "transactions", 50,
                "financial_statements", 3);
        perFile.forEach((file, expected) -> {
            Map<String, Long> counts = tables.get(file).column("uscc").stream()
                    .collect(Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
            assertThat(counts.keySet()).as(file).containsExactlyInAnyOrderElementsOf(usccs);
            assertThat(counts.values()).as(file).allMatch(n -> n == expected.longValue());
        });
    }

    @Test
    void generatedCodesAreValid() {
        for (long i = 0; i < 1_000; i++) {
            assertThat(Uscc.isValid(DemoPark.uscc(i))).isTrue();
        }
        // worked out by hand: body = (i × 0x9E3779B1 + 7654321) mod 31^8 in base 31 over the USCC charset,
        // then the GB 11714 organisation-code check and the GB 32100 check (i = 0: body 00088WXJ, checks 4 and 2)
        assertThat(DemoPark.uscc(0)).isEqualTo("9141048100088WXJ42");
        assertThat(DemoPark.uscc(7)).isEqualTo("914104810LX92EXR58");
    }
}
