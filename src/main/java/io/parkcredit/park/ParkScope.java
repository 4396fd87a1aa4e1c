package io.parkcredit.park;

/**
 * Which parks a user sees (DOMAIN.md §10.3): one park, or the whole region (an ADMIN or REGULATOR
 * without a park, and the server's own jobs). Statements take {@link #sqlParam()} and filter with
 * {@code (?::int is null or x.park_id = ?::int)}, so a region-wide reader pays nothing.
 */
public record ParkScope(ParkId park) {

    /** The whole region. */
    public static final ParkScope REGION = new ParkScope(null);

    public static ParkScope of(ParkId park) {
        return park == null ? REGION : new ParkScope(park);
    }

    public boolean regionWide() {
        return park == null;
    }

    /** Whether something of park {@code id} is visible in this scope. */
    public boolean includes(int id) {
        return park == null || park.value() == id;
    }

    public boolean includes(ParkId id) {
        return id != null && includes(id.value());
    }

    /** The park number for a statement's parameter, or null for the whole region. */
    public Integer sqlParam() {
        return park == null ? null : park.value();
    }
}
