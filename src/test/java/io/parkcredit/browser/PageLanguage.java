package io.parkcredit.browser;

import io.parkcredit.classification.ClauseName;
import io.parkcredit.classification.CreditList;
import io.parkcredit.enterprise.EnterpriseStatus;
import io.parkcredit.enterprise.EventType;
import io.parkcredit.enterprise.InstitutionKind;
import io.parkcredit.enterprise.Severity;
import io.parkcredit.financing.RequestStatus;
import io.parkcredit.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Whether a page reads in one language: no message key, no raw enum code, and no text in the other
 * language. User data (firm and institution names, event titles, notes — whatever the registry
 * holds) is legitimately Chinese on the English pages; it is read from the database once and left
 * out of the check, as are elements that name their own language ({@code lang="zh-CN"}, such as the
 * switch back to Chinese), records shown as written ({@code data-record}: audit details, alert
 * reasons) and the text being edited in forms.
 */
final class PageLanguage {

    static final Pattern HAN = Pattern.compile("\\p{IsHan}+");
    static final Pattern NON_ASCII_RUN = Pattern.compile("[^\\x00-\\x7F\\s\\u00a0\\u00b7\\u2013\\u2014\\u2026\\u00a5\\u2190-\\u21ff\\u2264\\u2265\\u2212\\u00d7]+");
    static final Pattern KEY = Pattern.compile("\\{[a-zA-Z]+:[a-zA-Z][\\w.]*[^}]*}|\\{[a-z][a-zA-Z]*(\\.[a-zA-Z]+)*}|\\?\\?\\?");
    private static final Pattern CODE_WORD = Pattern.compile(
            "(?<![A-Za-z0-9_\\-./])[A-Z][A-Z0-9]*(_[A-Z0-9]+)*(?![A-Za-z0-9_\\-/])");

    private final String userData;
    private final Set<String> codes = rawCodes();
    private final List<String> englishPhrases = englishPhrases();

    private PageLanguage(String userData) {
        this.userData = userData;
    }

    /** The checker for the data now in the database: read it after the pages' data is in place. */
    static PageLanguage of(DataSource dataSource) {
        try {
            return new PageLanguage(userData(dataSource));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What is wrong with the page {@code html} shown in {@code lang}, each problem prefixed with {@code where}. */
    List<String> problems(String where, String html, String lang) {
        String text = visibleText(html, lang);
        List<String> problems = new ArrayList<>();
        check(where, text, masked(text), lang, problems);
        return problems;
    }

    private void check(String where, String text, String masked, String lang, List<String> problems) {
        Matcher key = KEY.matcher(text);
        while (key.find()) {
            problems.add(where + "message key " + key.group());
        }
        Matcher word = CODE_WORD.matcher(masked);
        Set<String> raw = new TreeSet<>();
        while (word.find()) {
            if (codes.contains(word.group())) {
                raw.add(word.group());
            }
        }
        raw.forEach(c -> problems.add(where + "raw code " + c + " in «" + around(masked, c) + "»"));
        if (lang.equals("en")) {
            Matcher han = HAN.matcher(masked);
            Set<String> found = new TreeSet<>();
            while (han.find()) {
                found.add(han.group());
            }
            found.forEach(h -> problems.add(where + "Chinese text «" + around(masked, h) + "»"));
        } else {
            for (String phrase : englishPhrases) {
                if (masked.contains(phrase)) {
                    problems.add(where + "English text «" + phrase + "»");
                }
            }
        }
    }

    static String around(String text, String part) {
        int i = Math.max(0, text.indexOf(part));
        return text.substring(Math.max(0, i - 40), Math.min(text.length(), i + part.length() + 40)).replaceAll("\\s+", " ");
    }

    /** The text a reader sees: no scripts, styles or tags, with the placeholders and titles; entities decoded. */
    static String visibleText(String html, String lang) {
        String other = lang.equals("en") ? "zh-CN" : "en";
        String s = html.replaceAll("(?is)<script\\b.*?</script>", " ").replaceAll("(?is)<style\\b.*?</style>", " ")
                .replaceAll("(?s)<!--.*?-->", " ")
                .replaceAll("(?is)<(span|a)\\b[^>]*\\blang=\"" + other + "\"[^>]*>.*?</\\1>", " ")
                .replaceAll("(?is)<(td|span|div)\\b[^>]*\\bdata-record\\b[^>]*>.*?</\\1>", " ")
                .replaceAll("(?is)(<textarea\\b[^>]*>).*?</textarea>", "$1</textarea>");
        StringBuilder attrs = new StringBuilder();
        Matcher a = Pattern.compile("\\b(placeholder|title|aria-label)=\"([^\"]*)\"").matcher(s);
        while (a.find()) {
            attrs.append(' ').append(a.group(2));
        }
        s = s.replaceAll("(?s)<[^>]*>", " ") + attrs;
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    // ---- user data

    /** Removes from the text every run of non-ASCII characters that is part of a value held in the database. */
    String masked(String text) {
        Matcher m = NON_ASCII_RUN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, userData.contains(m.group()) ? " " : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every text value of the registry and the features' records that holds a Chinese character. */
    static String userData(DataSource dataSource) throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select table_name, column_name from information_schema.columns "
                    + "where table_schema = current_schema() and data_type in ('text', 'character varying') "
                    + "and table_name not like 'qrtz%' and table_name not like 'flyway%'")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] col : columns) {
                try (ResultSet rs = st.executeQuery("select distinct \"" + col[1] + "\" from \"" + col[0] + "\" where \""
                        + col[1] + "\" ~ '[^\\x01-\\x7f]'")) {
                    while (rs.next()) {
                        all.append(rs.getString(1)).append('\u0001');
                    }
                }
            }
            // JSON documents edited by people: chain maps, monitoring rule templates
        }
        return all.toString();
    }

    // ---- what may not show

    /** The constant names of every enum the pages show, and the codes of the stored states. */
    static Set<String> rawCodes() {
        Set<String> codes = new TreeSet<>();
        for (Class<? extends Enum<?>> e : List.<Class<? extends Enum<?>>>of(RequestStatus.class, EventType.class,
                Severity.class, Role.class, CreditList.class, EnterpriseStatus.class, InstitutionKind.class,
                ClauseName.class)) {
            for (Enum<?> c : e.getEnumConstants()) {
                codes.add(c.name());
            }
        }
        codes.addAll(List.of("OPEN", "ACCEPTED", "DECLINED", "EXPIRED", "WITHDRAWN", "CLOSED", // offers
                "DRAFT", "PUBLISHED", "SUPERSEDED", "UNDER_EVALUATION", "AWAITING_APPROVAL", // classification runs, ratings
                "APPLIED", "NOT_QUALIFIED", "QUALIFIED", "UNDER_REVIEW", "SCORED", "OBJECTED", "APPROVED", "REVOKED",
                "FIRST", "RERATING", // rating applications
                "INFO", "WARNING", "CRITICAL", "PENDING", "SENT", "SUPPRESSED", "FAILED", "INBOX", "INSTITUTIONS", // monitoring
                "UPSTREAM", "MIDSTREAM", "DOWNSTREAM", // screening
                "DEBTOR_CONFIRMED", "DEBTOR_FLOW_MONTHS", "AMOUNT_TO_DEBTOR_INFLOW", "INFLOW_STABILITY", "DEBTOR_STANDING",
                "EXCELLENT", "MIXED", "POOR", "POSTED", "DELIVERED", // financing factors and grades, SMS
                "QUAL_ACTIVE_IN_PARK", "QUAL_REGISTERED_3Y", "QUAL_REVENUE_EVERY_YEAR", "QUAL_NO_SERIOUS_DISHONESTY"));
        codes.removeAll(List.of("OTHER", "A", "B", "C", "D", "M"));
        return codes;
    }

    /** English texts of the message bundles of two words or more: none may show on a Chinese page. */
    static List<String> englishPhrases() {
        List<String> phrases = new ArrayList<>();
        for (String bundle : List.of("msg", "fin", "mon", "ratingMsg")) {
            Properties p = new Properties();
            try (InputStream in = PageLanguage.class.getResourceAsStream("/messages/" + bundle + "_en.properties")) {
                if (in == null) {
                    continue;
                }
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Object v : p.values()) {
                for (String part : v.toString().split("\\{[^}]*}")) {
                    String t = part.strip();
                    if (t.matches("[A-Za-z][a-z]+( [a-z]{2,})+") && t.length() >= 8) {
                        phrases.add(t);
                    }
                }
            }
        }
        return phrases;
    }
}
