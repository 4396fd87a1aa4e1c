package io.parkcredit.monitoring;

/**
 * A feature's contribution to the scheduled reminder scans (DOMAIN.md §6): rating expiry, loans
 * falling due, financing pickup deadlines… Monitoring runs every source's query in its clustered
 * scan, inserts what it returns with {@code ON CONFLICT (reminder_key) DO NOTHING} (each reminder
 * once, however often or on however many instances the scan runs) and alerts whoever it names.
 *
 * <p>Implementations are CDI beans ({@code @ApplicationScoped}); monitoring finds them all.
 */
public interface ReminderSource {

    /** Stable upper-case code of the reminder kind, e.g. {@code FINANCING_PICKUP_DEADLINE}. */
    String kind();

    /**
     * One set-based SELECT returning the reminders due on the scan day, with exactly these columns:
     * <ul>
     *   <li>{@code reminder_key text} – unique for this reminder across all kinds (e.g. kind + row id + due day)</li>
     *   <li>{@code uscc text} – the firm it is about</li>
     *   <li>{@code institution_code text} – the institution to alert as well, or NULL</li>
     *   <li>{@code due_on date} – the deadline or expiry day</li>
     *   <li>{@code title text} – a short Chinese text for the alert and the SMS</li>
     * </ul>
     * The scan day appears as the placeholder {@code :today} (any number of times); monitoring
     * binds it as a {@code date} parameter.
     */
    String sql();

    /** Whether the firm is texted too; false for reminders addressed to the park alone (an overdue decision). */
    default boolean textsFirm() {
        return true;
    }
}
