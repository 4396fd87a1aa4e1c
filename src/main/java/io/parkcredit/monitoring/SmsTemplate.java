package io.parkcredit.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMS text with placeholders: {@code {firm}} the firm's name, {@code {title}} the event or
 * reminder title, {@code {type}} the event type in Chinese, {@code {date}} the day it occurred or
 * falls due. The outbox renders the same placeholders in SQL ({@link #sqlContent}); this class
 * checks a template an ADMIN edits and renders previews.
 */
public final class SmsTemplate {

    public static final List<String> PLACEHOLDERS = List.of("firm", "title", "type", "date");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
    /** One long SMS is at most 6 parts of 67 characters (UCS-2); longer texts are refused. */
    public static final int MAX_LENGTH = 402;

    private SmsTemplate() {
    }

    /** Replaces each known placeholder by its value (missing values become empty). */
    public static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = PLACEHOLDERS.contains(key) ? values.getOrDefault(key, "") : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The {@code params, text} columns of an outbox row, as SQL: the template parameters and the
     * template with its placeholders filled, from the same expressions (each a SQL expression of the
     * statement that inserts the message), so that what a message says and what a template provider is
     * given cannot differ.
     */
    public static String sqlContent(String template, String firm, String title, String type, String date) {
        return "jsonb_build_object('firm', " + firm + ", 'title', " + title + ", 'type', " + type + ", 'date', " + date
                + "), replace(replace(replace(replace(" + template + ", '{firm}', " + firm + "), '{title}', " + title
                + "), '{type}', " + type + "), '{date}', " + date + ")";
    }

    /** The problems of a template: unknown placeholders, blank, too long. Empty = valid. */
    public static List<String> problems(String template) {
        if (template == null || template.isBlank()) {
            return List.of("the template is empty");
        }
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                found.put(m.group(1), "unknown placeholder {" + m.group(1) + "}; known: " + PLACEHOLDERS);
            }
        }
        if (template.length() > MAX_LENGTH) {
            found.put("length", "longer than " + MAX_LENGTH + " characters");
        }
        return List.copyOf(found.values());
    }

    /** The number of SMS parts the text takes (UCS-2: 70 alone, 67 per part when split). */
    public static int parts(String text) {
        int n = text.length();
        return n <= 70 ? 1 : (n + 66) / 67;
    }
}
