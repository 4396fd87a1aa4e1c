package io.parkcredit.screening;

import io.parkcredit.shared.CsvCells;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A screening's shortlist as CSV for the officer's spreadsheet: uscc, name, industry code, the
 * prospect's rank and score in the screening (recomputed on today's data) and the note. UTF-8 with
 * a byte-order mark so that Excel opens the Chinese names correctly.
 */
@ApplicationScoped
public class ShortlistExport {

    @Inject
    ScreeningService screenings;

    @Inject
    ShortlistService shortlist;

    public Response csv(long screeningId) {
        List<ShortlistService.Entry> entries = shortlist.list(screeningId);
        Map<String, ScreeningService.Ranked> ranked = new HashMap<>();
        if (!entries.isEmpty()) {
            screenings.view(screeningId).ranked().forEach(r -> ranked.put(r.uscc(), r));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (CsvCells w = CsvCells.to(out)) {
            w.row("uscc", "name", "industry_code", "rank", "score", "note");
            for (ShortlistService.Entry e : entries) {
                ScreeningService.Ranked r = ranked.get(e.uscc());
                w.row(e.uscc(), e.name(), e.industryCode(),
                        r == null ? "" : Integer.toString(r.rank()),
                        r == null ? "" : String.format(Locale.ROOT, "%.4f", r.score()),
                        e.note());
            }
        }
        return Response.ok(out.toByteArray())
                .type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"shortlist-" + screeningId + ".csv\"")
                .build();
    }
}
