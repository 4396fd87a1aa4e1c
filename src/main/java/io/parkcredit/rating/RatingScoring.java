package io.parkcredit.rating;

import io.parkcredit.rating.PeerStats.Member;
import io.parkcredit.rating.Ratios.Value;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Scores one firm with its reasons: reads the facts of the firm's industry group in the park in
 * one pass ({@link RatingFactsLoader}), so percentile rules compare it with its peers, then applies
 * the model ({@link Scorer}).
 */
@ApplicationScoped
public class RatingScoring {

    @Inject
    DataSource dataSource;

    public RatingResult rate(String uscc, String industryCode, LocalDate day, int fiscalYear,
            RatingModelService.Version model, Map<String, Double> onsite) {
        String group = industryCode == null || industryCode.length() < 3 ? null : industryCode.substring(0, 3);
        List<Member> members = new ArrayList<>();
        RatingFacts[] own = new RatingFacts[1];
        try (Connection c = dataSource.getConnection()) {
            // inside a transaction the connection is already enlisted (not auto-commit); alone, a
            // cursor needs auto-commit off to stream
            boolean auto = c.getAutoCommit();
            if (auto) {
                c.setAutoCommit(false);
            }
            try {
                // the peers: park firms of the same industry group, or the whole park for a firm without one
                String filter = RatingFactsLoader.PARK + (group == null ? "" : " and substr(e.industry_code, 1, 3) = ?")
                        + " or e.uscc = '" + uscc.replace("'", "") + "'";
                RatingFactsLoader.load(c, day, fiscalYear, "(" + filter + ")", group, f -> {
                    Map<Metric, Value> m = Metrics.compute(f, day);
                    members.add(new Member(f.industryGroup(), Metrics.vector(m)));
                    if (f.uscc().equals(uscc)) {
                        own[0] = f;
                    }
                });
            } finally {
                if (auto) {
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the rating facts failed: " + e.getMessage(), e);
        }
        if (own[0] == null) {
            throw new IllegalStateException("firm " + uscc + " not found for rating");
        }
        PeerStats peers = new PeerStats(members, percentileMetrics(model.model()), model.model().minPeers());
        return Scorer.score(model.model(), model.version(), Metrics.compute(own[0], day), own[0].industryGroup(), peers,
                onsite, null);
    }

    static List<Metric> percentileMetrics(RatingModel model) {
        return model.indicators().stream().filter(p -> p.indicator().rule().kind() == RatingModel.RuleKind.PERCENTILE)
                .map(p -> p.indicator().metric()).distinct().toList();
    }

    static List<Metric> allMetrics() {
        return Arrays.asList(Metric.values());
    }
}
