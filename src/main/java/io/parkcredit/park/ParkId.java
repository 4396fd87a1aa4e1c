package io.parkcredit.park;

/** A park of the region (DOMAIN.md §10.3), by its number in {@code parks}. */
public record ParkId(int value) {

    /** The park every installation starts with; data from before regions lives there. */
    public static final ParkId DEFAULT = new ParkId(1);

    public ParkId {
        if (value < 1) {
            throw new IllegalArgumentException("park id must be positive: " + value);
        }
    }

    public static ParkId of(Integer value) {
        return value == null ? null : new ParkId(value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
