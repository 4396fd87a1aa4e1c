package io.parkcredit.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.security.Action;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.parkcredit.shared.Formats;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Numbers;
import io.parkcredit.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The back-test page (DOMAIN.md §10.4): the tables, the bad rate per grade, the ROC and KS curves. */
@Path("/backtests")
@RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
@Produces(MediaType.TEXT_HTML)
public class BacktestPages {

    @CheckedTemplate(basePath = "backtest")
    static class Templates {
        static native TemplateInstance report(BacktestService.Report report, int year, String day, long firms,
                long bad, String chartData);
    }

    @Inject
    PageContext page;

    @Inject
    BacktestService backtests;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @GET
    @Performs(Action.BACKTEST_READ)
    public TemplateInstance report(@QueryParam("year") String yearText) {
        int year = LocalDate.now(clock).getYear() - 2;
        if (yearText != null && !yearText.isBlank()) {
            try {
                year = Numbers.integer(yearText, 1901, 2198);
            } catch (InvalidValueException e) {
                throw ProblemException.invalid("year", e.getMessage());
            }
        }
        BacktestService.Report r = backtests.report(year);
        long bad = r.firms().stream().filter(BacktestService.Firm::bad).count();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("grades", r.summary().grades());
        List<double[]> curve = new ArrayList<>();
        List<Object[]> ks = new ArrayList<>();
        for (BacktestMath.CurvePoint p : r.curve()) {
            curve.add(new double[] {p.goodShare(), p.badShare()});
            if (!Double.isInfinite(p.threshold())) {
                ks.add(new Object[] {p.threshold(), p.badShare(), p.goodShare()});
            }
        }
        chart.put("roc", curve);
        chart.put("ks", ks);
        return page.render(Templates.report(r, year, year + "-12-31", r.firms().size(), bad,
                Formats.scriptJson(json, chart)));
    }
}
