package io.parkcredit.classification;

import io.parkcredit.shared.CsvCells;
import io.parkcredit.classification.ClassificationRules.Clause;
import io.parkcredit.classification.ClassificationViews.ResultView;
import io.parkcredit.classification.ClassificationViews.RunView;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A run's results as a CSV or XLSX download: uscc, name, list, ✓/✗ per clause and the reasons.
 * Rows stream page by page from {@link ClassificationService#results}, so the file is never held
 * in memory and the reader sees exactly what the results API would show them.
 */
@ApplicationScoped
public class ClassificationExport {

    static final int PAGE = PageRequest.MAX_SIZE;
    static final String CSV = "csv";
    static final String XLSX = "xlsx";

    @Inject
    ClassificationService classifications;

    /** The download response; visibility is checked before the first byte is written. */
    public Response export(int year, long runId, String format) {
        String f = format == null || format.isBlank() ? CSV : format.strip().toLowerCase(Locale.ROOT);
        if (!CSV.equals(f) && !XLSX.equals(f)) {
            throw ProblemException.invalid("format", "csv or xlsx");
        }
        RunView run = classifications.run(year, runId);
        // the same checks as the results API, answered as an error instead of a broken file
        classifications.results(year, runId, null, null, PageRequest.of(0, 1));
        StreamingOutput body = CSV.equals(f) ? out -> csv(year, runId, out) : out -> xlsx(year, runId, out);
        return Response.ok(body)
                .type(CSV.equals(f) ? "text/csv; charset=UTF-8"
                        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition",
                        "attachment; filename=\"classification-" + year + "-v" + run.version() + "." + f + "\"")
                .build();
    }

    static List<String> header() {
        List<String> h = new ArrayList<>(List.of("uscc", "name", "list"));
        ClauseName.known().forEach(c -> h.add(c.name()));
        h.add("reasons");
        return h;
    }

    /** One result as cells in the order of {@link #header()}; a clause not checked is left blank. */
    static List<String> row(ResultView r) {
        Map<String, Clause> byCode = new HashMap<>();
        r.clauses().forEach(c -> byCode.put(c.code(), c));
        List<String> cells = new ArrayList<>(List.of(r.uscc(), r.name(), r.list().name()));
        for (ClauseName c : ClauseName.known()) {
            Clause clause = byCode.get(c.name());
            cells.add(clause == null ? "" : clause.passed() ? "✓" : "✗");
        }
        cells.add(ClauseName.reasons(r));
        return cells;
    }

    void csv(int year, long runId, OutputStream out) throws IOException {
        try (CsvCells w = CsvCells.to(out)) {
            w.row(header());
            eachResult(year, runId, r -> w.row(row(r)));
        }
    }

    void xlsx(int year, long runId, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "ParkCredit", "1.0");
        Worksheet ws = wb.newWorksheet("classification-" + year);
        int[] line = {0};
        List<String> head = header();
        for (int c = 0; c < head.size(); c++) {
            ws.value(0, c, head.get(c));
        }
        ws.style(0, 0).bold().set();
        eachResult(year, runId, r -> {
            int at = ++line[0];
            List<String> cells = row(r);
            for (int c = 0; c < cells.size(); c++) {
                ws.value(at, c, cells.get(c));
            }
            if (at % 1000 == 0) {
                try {
                    ws.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        ws.finish();
        wb.finish();
    }

    private void eachResult(int year, long runId, Consumer<ResultView> each) {
        for (int page = 0;; page++) {
            PageResult<ResultView> batch = classifications.results(year, runId, null, null, PageRequest.of(page, PAGE));
            batch.items().forEach(each);
            if (batch.items().size() < PAGE) {
                return;
            }
        }
    }
}
