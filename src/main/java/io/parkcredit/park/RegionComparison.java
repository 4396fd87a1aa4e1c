package io.parkcredit.park;

import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Numbers;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import io.parkcredit.shared.db.ReadReplica;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The region's parks side by side (DOMAIN.md §10.3, issue 16): for a year, each park's published
 * list counts and the distribution of grades valid at the year's end (or today, for the current
 * year), with the number of its firms. One statement for the whole region; region-wide ADMIN and
 * REGULATOR only.
 */
@ApplicationScoped
public class RegionComparison {

    static final List<String> LISTS = List.of("RED", "WHITE", "YELLOW", "NONE");
    static final List<String> GRADES = List.of("AAA", "AA", "A", "B", "C");

    @Inject
    CurrentUser currentUser;

    @Inject
    ParkService parks;

    @Inject
    ReadReplica readReplica;

    @Inject
    Clock clock;

    /**
     * One park's row: {@code published} is false when the park has no published list for the year
     * (its list counts are then all 0).
     */
    public record ParkRow(String code, String name, long firms, boolean published, Map<String, Long> lists,
            Map<String, Long> grades, long rated) {
    }

    public record Comparison(int year, LocalDate gradesOn, List<ParkRow> parks) {
    }

    /** The comparison for the year typed as {@code yearText} (blank: this year). */
    @Transactional
    public Comparison compare(String yearText) {
        currentUser.require(Action.REGION_COMPARE);
        parks.requireRegion();
        LocalDate today = LocalDate.now(clock);
        int year;
        try {
            Integer typed = Numbers.integer(yearText, 1900, 2199);
            year = typed == null ? today.getYear() : typed;
        } catch (InvalidValueException e) {
            throw ProblemException.invalid("year", e.getMessage());
        }
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        LocalDate on = yearEnd.isAfter(today) ? today : yearEnd;
        // a region-wide count that may lag by seconds: read from the replica where one is configured
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = readReplica.forHeavyRead();
                PreparedStatement ps = c.prepareStatement("""
                with g as (
                    select e.park_id, r.grade, count(*) n
                    from (select distinct on (uscc) uscc, grade from published_ratings
                          where valid_from <= ? and valid_until >= ? and (revoked_on is null or revoked_on > ?)
                          order by uscc, valid_from desc) r
                    join enterprises e on e.uscc = r.uscc
                    group by e.park_id, r.grade)
                select p.code, p.name,
                       (select count(*) from enterprises e where e.park_id = p.id and e.in_park),
                       run.id is not null,
                       coalesce(run.red_count, 0), coalesce(run.white_count, 0),
                       coalesce(run.yellow_count, 0), coalesce(run.none_count, 0),
                       coalesce((select n from g where g.park_id = p.id and g.grade = 'AAA'), 0),
                       coalesce((select n from g where g.park_id = p.id and g.grade = 'AA'), 0),
                       coalesce((select n from g where g.park_id = p.id and g.grade = 'A'), 0),
                       coalesce((select n from g where g.park_id = p.id and g.grade = 'B'), 0),
                       coalesce((select n from g where g.park_id = p.id and g.grade = 'C'), 0)
                from parks p
                left join classification_runs run on run.park_id = p.id and run.year = ? and run.status = 'PUBLISHED'
                order by p.id""")) {
            Date day = Date.valueOf(on);
            ps.setDate(1, day);
            ps.setDate(2, day);
            ps.setDate(3, day);
            ps.setInt(4, year);
            try (ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[cols];
                    for (int k = 0; k < cols; k++) {
                        row[k] = rs.getObject(k + 1);
                    }
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the region comparison", e);
        }
        List<ParkRow> out = rows.stream().map(r -> {
            Map<String, Long> lists = new LinkedHashMap<>();
            for (int i = 0; i < LISTS.size(); i++) {
                lists.put(LISTS.get(i), ((Number) r[4 + i]).longValue());
            }
            Map<String, Long> grades = new LinkedHashMap<>();
            long rated = 0;
            for (int i = 0; i < GRADES.size(); i++) {
                long n = ((Number) r[8 + i]).longValue();
                grades.put(GRADES.get(i), n);
                rated += n;
            }
            return new ParkRow((String) r[0], (String) r[1], ((Number) r[2]).longValue(), (Boolean) r[3], lists, grades,
                    rated);
        }).toList();
        return new Comparison(year, on, out);
    }
}
