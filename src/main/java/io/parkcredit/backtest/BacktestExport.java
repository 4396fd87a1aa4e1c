package io.parkcredit.backtest;

import io.parkcredit.shared.CsvCells;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * A back-test firm by firm as CSV (UTF-8 with a byte-order mark, cells neutralised against
 * spreadsheet formulas by {@link CsvCells}): what was decided on Y-12-31 and what happened in Y+1,
 * so every rate on the page can be recounted in a spreadsheet.
 */
@ApplicationScoped
public class BacktestExport {

    @Inject
    BacktestService backtests;

    public Response csv(int year) {
        BacktestService.Report report = backtests.report(year);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvCells w = CsvCells.to(out)) {
            w.row("uscc", "name", "grade", "score", "list", "bad", "overdue_90_days", "new_serious_record",
                    "yellow_next_year");
            for (BacktestService.Firm f : report.firms()) {
                w.row(f.uscc(), f.name(), f.grade() == null ? "" : f.grade(),
                        f.score() == null ? "" : String.format(Locale.ROOT, "%.2f", f.score()),
                        f.list() == null ? "" : f.list(), flag(f.bad()), flag(f.overdue90()), flag(f.serious()),
                        flag(f.yellowNext()));
            }
        }
        return Response.ok(out.toByteArray()).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"backtest-" + year + ".csv\"").build();
    }

    private static String flag(boolean b) {
        return b ? "1" : "0";
    }
}
