package io.parkcredit.rating;

import io.parkcredit.security.Action;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.rating.PeerStats.Member;
import io.parkcredit.rating.RatingViews.ReviewResultView;
import io.parkcredit.rating.RatingViews.ReviewView;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The yearly review (年审) of the whole park (DOMAIN.md §5): every in-park firm scored for fiscal
 * year Y on Y-12-31 with the current model. Four whole-park queries read the facts, merged by USCC
 * ({@link RatingFactsLoader}); percentiles need every firm's values first, so the metrics are kept
 * as one array of numbers per firm; the scores go back by COPY. On-site indicators take the
 * firm's latest evaluator sheet, else the model's default share.
 */
@ApplicationScoped
public class RatingReviewRunner {

    private static final Logger LOG = Logger.getLogger(RatingReviewRunner.class);

    @Inject
    DataSource dataSource;

    @Inject
    RatingModelService models;

    @Inject
    CurrentUser currentUser;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    public ReviewView run(int year) {
        currentUser.require(Action.RATING_ANNUAL_REVIEW);
        if (year < 1900 || year > 2199) {
            throw ProblemException.invalid("year", "between 1900 and 2199");
        }
        return run(year, currentUser.name(), currentUser.parks().park());
    }

    /** The review of every park's firms (the region's, and the demo park's start-up story). */
    public ReviewView run(int year, String actor) {
        return run(year, actor, null);
    }

    /**
     * The review of park {@code park}'s firms, peers compared within the park (DOMAIN.md §10.3: a
     * park's decisions are its own); of every park's firms when {@code park} is null.
     */
    public ReviewView run(int year, String actor, io.parkcredit.park.ParkId park) {
        RatingModelService.Version v = models.current();
        RatingModel model = v.model();
        LocalDate d = LocalDate.of(year, 12, 31);
        long started = System.nanoTime();
        try (Connection read = dataSource.getConnection(); Connection write = dataSource.getConnection()) {
            read.setAutoCommit(false);
            read.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            read.setReadOnly(true);
            write.setAutoCommit(false);
            try {
                List<String> usccs = new ArrayList<>();
                List<String> groups = new ArrayList<>();
                List<double[]> values = new ArrayList<>();
                String firms = park == null ? RatingFactsLoader.PARK
                        : RatingFactsLoader.PARK + " and e.park_id = " + park.value();
                RatingFactsLoader.load(read, d, year, firms, null, f -> {
                    usccs.add(f.uscc());
                    groups.add(f.industryGroup());
                    values.add(Metrics.vector(Metrics.compute(f, d)));
                });
                Map<String, Double> sheetShare = onsiteShares(read, model);
                read.commit();
                List<Member> members = new ArrayList<>(values.size());
                for (int i = 0; i < values.size(); i++) {
                    members.add(new Member(groups.get(i), values.get(i)));
                }
                PeerStats peers = new PeerStats(members, RatingScoring.percentileMetrics(model), model.minPeers());
                long reviewId = newReview(write, year, v.version(), d, actor, park);
                Map<String, Long> grades = new LinkedHashMap<>();
                CopyIn copy = write.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy rating_review_results (review_id, uscc, score, grade, dimensions) from stdin");
                StringBuilder buf = new StringBuilder(1 << 18);
                double total = model.totalWeight();
                int dims = model.dimensions().size();
                try {
                    for (int i = 0; i < usccs.size(); i++) {
                        Double share = sheetShare.get(usccs.get(i));
                        double[] p = Scorer.points(model, total, values.get(i), groups.get(i), peers,
                                share == null ? model.onsiteDefault() : share);
                        BigDecimal score = Scorer.round(p[dims]);
                        Grade g = Grade.of(score);
                        grades.merge(g == null ? "NONE" : g.name(), 1L, Long::sum);
                        buf.append(reviewId).append('\t').append(usccs.get(i)).append('\t').append(score.toPlainString())
                                .append('\t').append(g == null ? "\\N" : g.name()).append('\t').append('{');
                        for (int k = 0; k < dims; k++) {
                            if (k > 0) {
                                buf.append(',');
                            }
                            buf.append('"').append(model.dimensions().get(k).code()).append("\":")
                                    .append(Scorer.round(p[k]).toPlainString());
                        }
                        buf.append("}\n");
                        if (buf.length() > (1 << 18)) {
                            flush(copy, buf);
                        }
                    }
                    flush(copy, buf);
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                try (PreparedStatement ps = write.prepareStatement("update rating_reviews set firms = ? where id = ?")) {
                    ps.setInt(1, usccs.size());
                    ps.setLong(2, reviewId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = write.prepareStatement("insert into audit_log (actor, action, target_type,"
                        + " target_key, detail) values (?, 'RATING_REVIEW', 'rating-review', ?, ?)")) {
                    ps.setString(1, actor);
                    ps.setString(2, year + "/" + reviewId);
                    ps.setString(3, usccs.size() + " firms scored with model v" + v.version() + ": " + grades);
                    ps.executeUpdate();
                }
                write.commit();
                long ms = (System.nanoTime() - started) / 1_000_000;
                LOG.infof("rating review %d: %d firms in %d ms", year, usccs.size(), ms);
                return new ReviewView(reviewId, year, v.version(), d, usccs.size(), grades, ms);
            } catch (SQLException | RuntimeException e) {
                write.rollback();
                read.rollback();
                throw e;
            } finally {
                read.setReadOnly(false);
                read.setAutoCommit(true);
                write.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rating review failed in the database: " + e.getMessage(), e);
        }
    }

    /** Each firm's latest evaluator sheet as the share of the on-site points it won, one query. */
    private Map<String, Double> onsiteShares(Connection c, RatingModel model) throws SQLException {
        double max = model.indicators().stream().filter(p -> p.indicator().metric() == Metric.ONSITE)
                .mapToDouble(p -> model.maxPoints(p.indicator(), model.totalWeight())).sum();
        Map<String, Double> out = new java.util.HashMap<>();
        if (max <= 0) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select distinct on (a.uscc) a.uscc, (select sum(value::numeric) from jsonb_each_text(a.onsite_scores))
                from rating_applications a where a.onsite_scores is not null order by a.uscc, a.id desc""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                BigDecimal sum = rs.getBigDecimal(2);
                if (sum != null) {
                    out.put(rs.getString(1), Math.max(0, Math.min(1, sum.doubleValue() / max)));
                }
            }
        }
        return out;
    }

    private static long newReview(Connection c, int year, int modelVersion, LocalDate d, String actor,
            io.parkcredit.park.ParkId park) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into rating_reviews (year, model_version, evaluation_day,"
                + " created_by, park_id) values (?, ?, ?, ?, ?) returning id")) {
            ps.setInt(1, year);
            ps.setInt(2, modelVersion);
            ps.setObject(3, d);
            ps.setString(4, actor);
            ps.setObject(5, park == null ? null : park.value(), java.sql.Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void flush(CopyIn copy, StringBuilder buf) throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    @Transactional
    public PageResult<ReviewResultView> results(long reviewId, String uscc, PageRequest page) {
        currentUser.require(Action.RATING_ANNUAL_REVIEW_READ);
        Integer park = currentUser.parks().sqlParam();
        String where = " where review_id = :id" + (uscc == null || uscc.isBlank() ? "" : " and uscc = :uscc")
                + (park == null ? "" : " and uscc in (select e.uscc from enterprises e where e.park_id = " + park.intValue() + ")");
        Query count = em.createNativeQuery("select count(*) from rating_review_results" + where);
        Query rows = em.createNativeQuery("select uscc, score, grade, cast(dimensions as text) from rating_review_results"
                + where + " order by uscc limit :limit offset :offset");
        for (Query q : List.of(count, rows)) {
            q.setParameter("id", reviewId);
            if (uscc != null && !uscc.isBlank()) {
                q.setParameter("uscc", uscc.strip().toUpperCase());
            }
        }
        rows.setParameter("limit", page.size()).setParameter("offset", page.offset());
        @SuppressWarnings("unchecked")
        List<Object[]> found = rows.getResultList();
        List<ReviewResultView> items = new ArrayList<>();
        for (Object[] r : found) {
            try {
                Map<String, BigDecimal> dims = json.readValue((String) r[3],
                        new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, BigDecimal>>() { });
                items.add(new ReviewResultView((String) r[0], (BigDecimal) r[1], (String) r[2], dims));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new PageResult<>(items, page.page(), page.size(), ((Number) count.getSingleResult()).longValue());
    }
}
