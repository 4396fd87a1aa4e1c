package io.parkcredit.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.classification.ClauseName;
import io.parkcredit.classification.CreditList;
import io.parkcredit.enterprise.EnterpriseStatus;
import io.parkcredit.enterprise.EventType;
import io.parkcredit.enterprise.InstitutionKind;
import io.parkcredit.enterprise.Severity;
import io.parkcredit.financing.RequestStatus;
import io.parkcredit.security.Role;
import io.parkcredit.testing.ClassificationFixtures;
import io.parkcredit.testing.ClassificationFixtures.Park;
import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.RatingFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every page of every role's menu, and the detail pages of each feature, in Chinese and in English:
 * no page shows a message key, a raw enum code or text in the other language. User data (firm and
 * institution names, event titles, notes — whatever the registry holds) is legitimately Chinese on
 * the English pages; it is read from the database and left out of the check, as are elements that
 * name their own language ({@code lang="zh-CN"}, such as the switch back to Chinese), records shown
 * as written ({@code data-record}: audit details, alert reasons) and the text being edited in forms.
 */
@QuarkusTest
class TranslationTest {

    static final Pattern HAN = Pattern.compile("\\p{IsHan}+");
    static final Pattern NON_ASCII_RUN = Pattern.compile("[^\\x00-\\x7F\\s\\u00a0\\u00b7\\u2013\\u2014\\u2026\\u00a5\\u2190-\\u21ff\\u2264\\u2265\\u2212\\u00d7]+");
    static final Pattern KEY = Pattern.compile("\\{[a-zA-Z]+:[a-zA-Z][\\w.]*[^}]*}|\\{[a-z][a-zA-Z]*(\\.[a-zA-Z]+)*}|\\?\\?\\?");

    @Inject
    DataSource dataSource;

    @Test
    void everyPageReadsInOneLanguage() throws Exception {
        int year = 2090 + (int) (System.nanoTime() % 5);
        Map<String, List<String>> pages = fixtures(year);
        Set<String> codes = rawCodes();
        List<String> englishPhrases = englishPhrases();
        List<String> problems = new ArrayList<>();
        for (var e : pages.entrySet()) {
            Cookies session = session(e.getKey());
            Set<String> visit = new LinkedHashSet<>(nav(session));
            visit.addAll(e.getValue());
            for (String path : visit) {
                for (String lang : List.of("zh-CN", "en")) {
                    boolean error = path.startsWith("!");
                    Response r = given().cookies(session).cookie("lang", lang).accept("text/html")
                            .get(error ? path.substring(1) : path);
                    String where = e.getKey() + " " + lang + " " + path + ": ";
                    if (error ? r.statusCode() < 400 || r.statusCode() >= 500 : r.statusCode() != 200) {
                        problems.add(where + "status " + r.statusCode());
                        continue;
                    }
                    String text = visibleText(r.asString(), lang);
                    String masked = masked(text);
                    check(where, text, masked, lang, codes, englishPhrases, problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    static void check(String where, String text, String masked, String lang, Set<String> codes,
            List<String> englishPhrases, List<String> problems) {
        Matcher key = KEY.matcher(text);
        while (key.find()) {
            problems.add(where + "message key " + key.group());
        }
        Matcher word = Pattern.compile("(?<![A-Za-z0-9_\\-./])[A-Z][A-Z0-9]*(_[A-Z0-9]+)*(?![A-Za-z0-9_\\-/])")
                .matcher(masked);
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

    private String userData;

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
    void loadUserData() throws SQLException {
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
        userData = all.toString();
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
                "INFO", "WARNING", "CRITICAL", "PENDING", "SENT", "SUPPRESSED", "FAILED", // monitoring
                "UPSTREAM", "MIDSTREAM", "DOWNSTREAM", // screening
                "DEBTOR_CONFIRMED", "DEBTOR_FLOW_MONTHS", "AMOUNT_TO_DEBTOR_INFLOW", "INFLOW_STABILITY", "DEBTOR_STANDING",
                "EXCELLENT", "MIXED", "POOR", "POSTED", "DELIVERED", // financing factors and grades, SMS
                "QUAL_ACTIVE_IN_PARK", "QUAL_REGISTERED_3Y", "QUAL_REVENUE_EVERY_YEAR", "QUAL_NO_SERIOUS_DISHONESTY"));
        codes.removeAll(List.of("OTHER", "A", "B", "C", "D", "M"));
        return codes;
    }

    /** English texts of the message bundles of two words or more: none may show on a Chinese page. */
    static List<String> englishPhrases() throws IOException {
        List<String> phrases = new ArrayList<>();
        for (String bundle : List.of("msg", "fin", "mon", "ratingMsg")) {
            Properties p = new Properties();
            try (InputStream in = TranslationTest.class.getResourceAsStream("/messages/" + bundle + "_en.properties")) {
                if (in == null) {
                    continue;
                }
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
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

    // ---- fixtures: one of everything, and a user of each role

    Map<String, List<String>> fixtures(int year) throws SQLException {
        Map<String, List<String>> pages = new LinkedHashMap<>();
        // classification: a park of four firms, one on each list
        Park park = ClassificationFixtures.park(year);
        long runId = ClassificationFixtures.run(year).getLong("runId");
        ClassificationFixtures.publish(year, runId);
        String run = "/classification/" + year + "/runs/" + runId;
        List<String> admin = new ArrayList<>(List.of("/classification?year=" + year, run, "/classification/rules",
                "/classification/published?year=" + year));
        for (String uscc : List.of(park.red(), park.white(), park.yellow(), park.none())) {
            admin.add(run + "/firms/" + uscc);
            admin.add("/enterprises/" + uscc);
        }
        // financing: a firm's request graded, claimed and offered
        Firm seller = FinancingFixtures.firm("译页融资公司");
        Firm debtor = FinancingFixtures.firm("译页融资买方");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst bank = FinancingFixtures.bank();
        Inst guarantor = FinancingFixtures.guarantor();
        long requestId = FinancingFixtures.post(seller, FinancingFixtures.receivable(debtor.uscc(),
                Fixtures.newCode("TR"), 150_000, 100_000, 90)).getLong("id");
        String request = "/financing/" + requestId;
        admin.addAll(List.of("/financing", request, "/financing/funnel", "/financing?status=ROUTED"));
        // rating: one firm qualified and in review, one refused
        int thisYear = FinancingFixtures.today().getYear();
        String sound = RatingFixtures.soundFirm("译页评价公司", thisYear - 1, Fixtures.newCode("TB"), (thisYear + 2) + "-03-01");
        String soundUser = Fixtures.newUser("ENTERPRISE", sound, null);
        long rated = RatingFixtures.apply(soundUser, sound);
        RatingFixtures.step(null, rated, "qualification", null).statusCode(200);
        String young = RatingFixtures.youngFirm("译页新设公司", thisYear);
        long refused = RatingFixtures.apply(Fixtures.newUser("ENTERPRISE", young, null), young);
        RatingFixtures.step(null, refused, "qualification", null).statusCode(200);
        RatingFixtures.step(null, rated, "review", Map.of("note", "材料齐全")).statusCode(200);
        // and one scored by an evaluator: the score sheet with every indicator's reason
        String scoredFirm = RatingFixtures.soundFirm("译页评分公司", thisYear - 1, Fixtures.newCode("TB"),
                (thisYear + 2) + "-03-01");
        long scored = RatingFixtures.apply(Fixtures.newUser("ENTERPRISE", scoredFirm, null), scoredFirm);
        RatingFixtures.step(null, scored, "qualification", null).statusCode(200);
        RatingFixtures.step(null, scored, "review", Map.of("note", "材料齐全")).statusCode(200);
        String evaluator = Fixtures.newUser("EVALUATOR", null, null);
        RatingFixtures.step(evaluator, scored, "scores", Map.of("onsiteScores", RatingFixtures.fullOnsite()))
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("DRAFT"));
        admin.addAll(List.of("/rating", "/rating/applications/" + rated, "/rating/applications/" + refused,
                "/rating/applications/" + scored));
        // monitoring: an event that raises an alert, with the firm's timeline
        MonitoringFixtures.Firm watched = MonitoringFixtures.firm("译页监护");
        MonitoringFixtures.post(MonitoringFixtures.event(watched.uscc(), "DISHONEST_DEBTOR", "SERIOUS",
                LocalDate.now().minusDays(1), "列入失信被执行人"));
        admin.addAll(List.of("/monitoring?uscc=" + watched.uscc(), "/monitoring/firms/" + watched.uscc(),
                "/monitoring/firms/" + park.none(), "/monitoring/rules", "/monitoring/sms",
                "/monitoring/subscriptions", "/enterprises/" + watched.uscc(), "/enterprises/" + sound));
        // error pages: a request and a screening that do not exist
        admin.addAll(List.of("!/financing/999999999", "!/screening/999999999", "!/enterprises/91410481000000000X"));
        // screening: a saved screening by staff
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        Cookies officerSession = session(officer);
        String location = given().cookies(officerSession).redirects().follow(false).accept("text/html")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("use_EMPLOYEES", "on")
                .formParam("weight_EMPLOYEES", "1").formParam("weighting", "MANUAL").formParam("limit", "50")
                .post("/screening").then().statusCode(303).extract().header("Location");
        String screening = location.substring(location.indexOf("/screening/"));
        admin.addAll(List.of("/screening/chains", screening));

        pages.put(Fixtures.ADMIN, admin);
        pages.put(Fixtures.newUser("REGULATOR", null, null), List.of(run, run + "/firms/" + park.yellow(),
                "/enterprises/" + park.red(), "/monitoring/firms/" + watched.uscc()));
        pages.put(seller.user(), List.of(request, "/enterprises/" + seller.uscc()));
        pages.put(soundUser, List.of("/rating/applications/" + rated));
        pages.put(bank.user(), List.of("/financing?status=ROUTED"));
        pages.put(guarantor.user(), List.of(request));
        pages.put(evaluator, List.of("/rating/applications/" + rated, "/rating/applications/" + scored));
        pages.put(officer, List.of(screening));
        loadUserData();
        return pages;
    }

    static Cookies session(String user) {
        String password = user.equals(Fixtures.ADMIN) ? Fixtures.ADMIN_PASSWORD : "password-" + user;
        return PagesTest.signIn(user, password);
    }

    /** The menu of the signed-in user. */
    static List<String> nav(Cookies session) {
        String html = given().cookies(session).accept("text/html").get("/enterprises").then().statusCode(200).extract()
                .asString();
        String nav = html.substring(html.indexOf("<nav class=\"nav\">"), html.indexOf("</nav>"));
        List<String> hrefs = new ArrayList<>();
        Matcher m = Pattern.compile("href=\"([^\"]+)\"").matcher(nav);
        while (m.find()) {
            hrefs.add(m.group(1));
        }
        assertThat(hrefs).isNotEmpty();
        return hrefs;
    }
}
