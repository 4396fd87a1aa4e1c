package io.parkcredit.shared;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings that still hold the placeholder of deploy/parkcredit.env ({@code CHANGE_ME…}): the server
 * refuses to start with them, so a copied example file never runs with a guessable password.
 */
public final class Placeholders {

    /** CHANGE_ME, change-me, changeme, CHANGE_ME_TOO … as a word of the value (not "exchange-meter"). */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<![a-z])change[-_]?me(?![a-z])",
            Pattern.CASE_INSENSITIVE);

    private Placeholders() {
    }

    /** Names of the ParkCredit and Quarkus settings among {@code env} whose value is a placeholder, sorted. */
    public static List<String> find(Map<String, String> env) {
        return env.entrySet().stream()
                .filter(e -> {
                    String k = e.getKey().toUpperCase(Locale.ROOT);
                    return k.startsWith("PARKCREDIT") || k.startsWith("QUARKUS");
                })
                .filter(e -> e.getValue() != null && PLACEHOLDER.matcher(e.getValue()).find())
                .map(Map.Entry::getKey).sorted().toList();
    }

    public static String message(List<String> names) {
        return "ParkCredit will not start: " + String.join(", ", names)
                + " still hold the placeholder of deploy/parkcredit.env (CHANGE_ME). Set real values and start again.";
    }
}
