package io.parkcredit.shared.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Settings kept as numbered JSON versions (classification rule sets, the rating model): an edit
 * never changes a stored version, it appends the next one with who and why, so every run can name
 * the version it used. Tables have the columns {@code version, <json column>, note, created_by}.
 */
public final class VersionedJson {

    private VersionedJson() {
    }

    /**
     * Appends {@code value} as the next version of {@code table}. The table is locked for the rest of
     * the transaction so that two editors cannot both take the same number.
     */
    public static void append(EntityManager em, ObjectMapper json, String table, String column, Object value,
            String note, String actor) {
        String text;
        try {
            text = json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + table + " as JSON", e);
        }
        em.createNativeQuery("lock table " + table + " in exclusive mode").executeUpdate();
        em.createNativeQuery("insert into " + table + " (version, " + column + ", note, created_by)"
                + " select coalesce(max(version), 0) + 1, cast(?1 as jsonb), ?2, ?3 from " + table)
                .setParameter(1, text).setParameter(2, note).setParameter(3, actor).executeUpdate();
    }

    /** A timestamptz column as the JDBC driver or Hibernate hands it over. */
    public static Instant instant(Object at) {
        return at instanceof Instant i ? i : at instanceof OffsetDateTime o ? o.toInstant() : ((Timestamp) at).toInstant();
    }
}
