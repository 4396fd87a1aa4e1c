package io.parkcredit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.ClockProducer;
import io.parkcredit.shared.db.EmbeddedDatabase;
import io.parkcredit.testing.FakeSmsGateway;
import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.PackagedServer;
import io.quarkus.elytron.security.common.BcryptUtil;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three instances of the packaged server ({@code quarkus-run.jar}, as users run it) on one
 * PostgreSQL, behind Debian's HAProxy (round robin, health check on {@code /q/health/ready}, no
 * stickiness). Client threads send mixed load through the balancer: bundle imports, the financing
 * market (queue reads, claims, offers of bank officers), credit events and page sessions. Mid-load
 * one instance is killed with SIGKILL and started again on its port; the load goes on.
 *
 * <p>Afterwards: every request the balancer answered 2xx is in the database; a request that got no
 * answer (cut by the kill) is there whole or not at all; no request was claimed twice; every SMS
 * reached the gateway under one outbox id, once per firm; the reminder scan (Quartz, clustered)
 * raised each reminder once; one login cookie opens the pages on each of the three instances.
 */
class ThreeInstancesIT {

    private static final String ADMIN_PASSWORD = "admin-three-instances-1";
    private static final String OFFICER_PASSWORD = "Three-Instances-Officer-1";
    private static final String SESSION_KEY = "three-instances-session-key-0123456789abcdef";
    private static final int BANKS = 4;
    private static final int REQUESTS = 2_000;
    private static final int EVENT_FIRMS = 6_000;
    private static final int LOAN_FIRMS = 20;
    private static final int IMPORT_SIZE = 5;
    private static final int EVENT_BATCH = 5;
    private static final Duration LOAD = Duration.ofSeconds(24);
    private static final Duration KILL_AFTER = Duration.ofSeconds(8);
    /** Load after the killed instance is back in the balancer, at least. */
    private static final Duration LOAD_AFTER_RETURN = Duration.ofSeconds(6);
    /**
     * Each client's pause between its requests: a steady mixed load that leaves the two shared cores room for
     * a restarting instance (closed-loop clients without pause measure saturation, MarketLoad's job).
     */
    private static final long THINK_NANOS = Duration.ofMillis(20).toNanos();
    private static final String[] PAGES = {"/enterprises", "/monitoring", "/monitoring/sms", "/admin/audit"};
    private static final Pattern FIRST_ID = Pattern.compile("^\\{\"id\":(\\d+)");
    private static final Pattern ITEM_ID = Pattern.compile("\\{\"id\":(\\d+)");

    private EmbeddedDatabase db;
    private FakeSmsGateway gateway;
    private Process haproxy;
    private final Process[] servers = new Process[3];
    private final int[] ports = new int[3];
    private final Path[] logs = new Path[3];
    private int balancer;
    private int stats;
    private final String adminAuth = basic("admin", ADMIN_PASSWORD);

    /** The gateway's arrivals: outbox ids by recipient, and how often each outbox id came. */
    private final Map<String, Set<Long>> outIdsByMobile = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> arrivalsByOutId = new ConcurrentHashMap<>();

    private volatile boolean loadOn = true;
    private final Outcomes outcomes = new Outcomes();

    @AfterEach
    void stop() throws InterruptedException {
        loadOn = false;
        for (Process p : servers) {
            if (p != null) {
                p.destroy();
            }
        }
        for (Process p : servers) {
            if (p != null) {
                p.waitFor();
            }
        }
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void threeInstancesBehindHaproxyLoseNothingWhenOneIsKilledMidLoad() throws Exception {
        db = EmbeddedDatabase.start(Files.createTempDirectory("parkcredit-three-pg"), 0, true,
                EmbeddedDatabase.Durability.DURABLE);
        gateway = new FakeSmsGateway(0, a -> {
            arrivalsByOutId.computeIfAbsent(a.outId(), k -> new AtomicInteger()).incrementAndGet();
            outIdsByMobile.computeIfAbsent(a.mobile(), k -> ConcurrentHashMap.newKeySet()).add(a.outId());
        });
        for (int i = 0; i < 3; i++) {
            ports[i] = freePort();
        }
        // the first instance migrates the schema; the other two start beside it
        servers[0] = start(0, 1);
        awaitReady(0);
        servers[1] = start(1, 1);
        servers[2] = start(2, 1);
        awaitReady(1);
        awaitReady(2);
        MonitoringFixtures.await("three nodes in the Quartz cluster", Duration.ofSeconds(60),
                () -> count("select count(*) from qrtz_scheduler_state") == 3);
        startHaproxy();
        MonitoringFixtures.await("HAProxy sees the three instances up", Duration.ofSeconds(30),
                () -> serversUp().size() == 3);

        Market market = seedMarket();
        List<String[]> eventFirms = seedFirms("T", EVENT_FIRMS);
        List<String[]> loanFirms = seedFirms("L", LOAN_FIRMS);

        // one sign-in through the balancer; its cookie opens the pages on every instance directly
        String cookie = signIn(balancerUrl());
        for (int i = 0; i < 3; i++) {
            assertThat(page("http://127.0.0.1:" + ports[i], cookie, "/enterprises"))
                    .as("the balancer's session on instance " + i + " before the kill").isEqualTo(200);
        }

        List<Thread> threads = new ArrayList<>();
        AtomicInteger nextEventFirm = new AtomicInteger();
        AtomicLong importSeq = new AtomicLong();
        for (int t = 0; t < 2; t++) {
            threads.add(new Thread(() -> importLoop(importSeq), "three-import-" + t));
            threads.add(new Thread(() -> eventLoop(eventFirms, nextEventFirm), "three-events-" + t));
            threads.add(new Thread(() -> pageLoop(), "three-pages-" + t));
        }
        for (int b = 0; b < BANKS; b++) {
            int bank = b;
            threads.add(new Thread(() -> marketLoop(market, bank), "three-market-" + b));
        }
        long started = System.nanoTime();
        threads.forEach(Thread::start);

        await(KILL_AFTER);
        // the loans to remind of appear while the three run the clustered scan every two seconds
        commitLoans(loanFirms);
        int killed = 1;
        servers[killed].destroyForcibly(); // SIGKILL: no shutdown hook, requests in flight cut
        servers[killed].waitFor();
        long killedAt = System.nanoTime();
        MonitoringFixtures.await("HAProxy to take the killed instance out", Duration.ofSeconds(20),
                () -> !serversUp().contains("s" + killed));
        String cookieAfterKill = signIn(balancerUrl());
        servers[killed] = start(killed, 2);
        awaitReady(killed);
        MonitoringFixtures.await("HAProxy to take the restarted instance back", Duration.ofSeconds(30),
                () -> serversUp().size() == 3);
        long back = System.nanoTime();
        long servedBeforeReturn = served("s" + killed);
        await(Duration.ofNanos(Math.max(started + LOAD.toNanos(), back + LOAD_AFTER_RETURN.toNanos()) - System.nanoTime()));
        loadOn = false;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(90).toMillis());
            assertThat(t.isAlive()).as(t.getName() + " ended").isFalse();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long servedAfterReturn = served("s" + killed) - servedBeforeReturn;
        System.out.println(outcomes.report(seconds, (killedAt - started) / 1e9, (back - killedAt) / 1e9) + "\n" + balancerSpread()
                + "; the restarted instance after its return: " + servedAfterReturn);

        assertThat(servedAfterReturn).as("requests the balancer gave the restarted instance").isPositive();

        // ---- sessions: both cookies open the pages on all three instances, and through the balancer
        for (String c : List.of(cookie, cookieAfterKill)) {
            for (int i = 0; i < 3; i++) {
                assertThat(page("http://127.0.0.1:" + ports[i], c, "/enterprises"))
                        .as("a session on instance " + i + " after the kill and restart").isEqualTo(200);
            }
            for (int k = 0; k < 6; k++) {
                assertThat(page(balancerUrl(), c, PAGES[k % PAGES.length])).as("a session through the balancer").isEqualTo(200);
            }
        }

        // ---- SMS: every stored event and every reminder, once, to its firm
        long storedEvents = count("select count(*) from credit_events where source = 'THREE'");
        MonitoringFixtures.await("every stored event's and reminder's SMS at the gateway and recorded SENT",
                Duration.ofSeconds(90), () -> count("select count(*) from sms_outbox where status <> 'SENT'") == 0
                        && count("select count(*) from sms_outbox") == storedEvents + LOAN_FIRMS
                        && arrivalsByOutId.size() == storedEvents + LOAN_FIRMS);


        // ---- no accepted request lost, nothing half-applied
        checkImports();
        checkEvents(storedEvents);
        checkMarket(market);
        checkSms(eventFirms, loanFirms, storedEvents);
        checkReminders(loanFirms);
        System.out.printf("SMS: %d stored events and %d reminders, each once at the gateway; %d sent again under the same"
                + " outbox id after the kill%n", storedEvents, LOAN_FIRMS, outcomes.resentSms);
        assertThat(outcomes.pageErrors).as("page loads that found the session gone (not a cut request)").isEmpty();
        assertThat(outcomes.unexpected).as("answers no request of this load may get").isEmpty();
        assertThat(outcomes.imports.size() + outcomes.eventBatches.size() + outcomes.claims.size() + outcomes.offers.size())
                .as("accepted writes").isGreaterThan(100);
        assertThat(outcomes.pagesServed.get()).as("pages served").isGreaterThan(50);
    }

    // ------------------------------------------------------------------ checks

    private void checkImports() {
        List<String> accepted = outcomes.imports.stream().flatMap(List::stream).toList();
        assertThat(countIn("select count(*) from enterprises where uscc = any(?)", accepted))
                .as("firms of the imports the balancer answered 200").isEqualTo(accepted.size());
        for (List<String> cut : outcomes.importsCut) {
            assertThat(countIn("select count(*) from enterprises where uscc = any(?)", cut))
                    .as("a cut import is there whole or not at all").isIn(0L, (long) IMPORT_SIZE);
        }
        assertThat(count("select count(*) from enterprises where name like '三实例导入%'"))
                .as("imported firms: the accepted ones and whole cut imports")
                .isBetween((long) accepted.size(), (long) accepted.size() + (long) IMPORT_SIZE * outcomes.importsCut.size());
    }

    private void checkEvents(long storedEvents) {
        List<String> accepted = outcomes.eventBatches.stream().flatMap(List::stream).toList();
        assertThat(countIn("select count(*) from credit_events where source = 'THREE' and event_no = any(?)", accepted))
                .as("events the balancer answered 201").isEqualTo(accepted.size());
        long cutStored = 0;
        for (List<String> cut : outcomes.eventBatchesCut) {
            long n = countIn("select count(*) from credit_events where source = 'THREE' and event_no = any(?)", cut);
            assertThat(n).as("a cut batch of events is there whole or not at all").isIn(0L, (long) EVENT_BATCH);
            cutStored += n;
        }
        assertThat(storedEvents).as("stored events: the accepted ones and whole cut batches").isEqualTo(accepted.size() + cutStored);
        assertThat(count("select count(*) from monitoring_alerts where ref like 'EVENT:THREE/%'"))
                .as("one alert per stored event").isEqualTo(storedEvents);
    }

    private void checkMarket(Market m) throws SQLException {
        Map<Long, String> claimedBy = new LinkedHashMap<>();
        Map<Long, Long> claimSteps = new LinkedHashMap<>();
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select r.id, r.claimed_by, (select count(*) from financing_steps s where s.request_id = r.id and s.step = 'CLAIMED')
                from financing_requests r where r.invoice_no like 'THREE-%'""")) {
            while (rs.next()) {
                claimedBy.put(rs.getLong(1), rs.getString(2));
                claimSteps.put(rs.getLong(1), rs.getLong(3));
            }
        }
        assertThat(claimSteps.values().stream().filter(n -> n > 1).count()).as("requests claimed twice").isZero();
        assertThat(outcomes.claimWins.values().stream().filter(n -> n.get() > 1).count())
                .as("requests two clients were told they won").isZero();
        for (Claim won : outcomes.claims) {
            assertThat(claimedBy.get(won.id())).as("request " + won.id() + " claimed with 200").isEqualTo(m.banks[won.bank()]);
            assertThat(claimSteps.get(won.id())).as("its CLAIMED step").isEqualTo(1L);
        }
        for (Claim cut : outcomes.claimsCut) {
            boolean mine = m.banks[cut.bank()].equals(claimedBy.get(cut.id()));
            assertThat(count("select count(*) from financing_steps where request_id = " + cut.id()
                    + " and step = 'CLAIMED' and institution_code = '" + m.banks[cut.bank()] + "'"))
                    .as("a cut claim is there whole (request and step) or not at all").isEqualTo(mine ? 1L : 0L);
        }
        long claimed = claimedBy.values().stream().filter(v -> v != null).count();
        assertThat(claimed).as("claimed requests: the accepted claims and some cut ones")
                .isBetween((long) outcomes.claims.size(), (long) outcomes.claims.size() + outcomes.claimsCut.size());
        assertThat(count("select count(*) from audit_log a join financing_requests r on a.target_key = r.id::text"
                + " where a.action = 'FINANCING_CLAIMED' and r.invoice_no like 'THREE-%'"))
                .as("one audit line per claim").isEqualTo(claimed);

        List<String> offerIds = outcomes.offers.stream().map(String::valueOf).toList();
        assertThat(countIn("select count(*) from financing_offers where id::text = any(?)", offerIds))
                .as("offers the balancer answered 201").isEqualTo(offerIds.size());
        long offers = count("select count(*) from financing_offers o join financing_requests r on r.id = o.request_id"
                + " where r.invoice_no like 'THREE-%'");
        assertThat(offers).as("offers: the accepted ones and some cut ones")
                .isBetween((long) offerIds.size(), (long) offerIds.size() + outcomes.offersCut.get());
        assertThat(count("select count(*) from financing_steps s join financing_requests r on r.id = s.request_id"
                + " where s.step = 'OFFERED' and r.invoice_no like 'THREE-%'")).as("one OFFERED step per offer").isEqualTo(offers);
        assertThat(count("select count(*) from audit_log a join financing_requests r on a.target_key = r.id::text"
                + " where a.action = 'FINANCING_OFFERED' and r.invoice_no like 'THREE-%'"))
                .as("one audit line per offer").isEqualTo(offers);
    }

    private void checkSms(List<String[]> eventFirms, List<String[]> loanFirms, long storedEvents) {
        // firms with a stored event, and the loan firms: each got one message, under one outbox id
        Set<String> expected = ConcurrentHashMap.newKeySet();
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select e.contact_mobile from credit_events ce join enterprises e on e.uscc = ce.uscc where ce.source = 'THREE'")) {
            while (rs.next()) {
                expected.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(expected).as("one event per firm").hasSize((int) storedEvents);
        loanFirms.forEach(f -> expected.add(f[1]));
        assertThat(outIdsByMobile.keySet()).as("recipients at the gateway").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(outIdsByMobile.values()).as("outbox ids per recipient at the gateway").allMatch(ids -> ids.size() == 1);
        assertThat(count("select count(*) from sms_outbox where status = 'SENT' and provider_id = 'GW-' || id"))
                .as("SENT with the id the gateway gave").isEqualTo(storedEvents + LOAN_FIRMS);
        assertThat(count("select count(*) from (select mobile from sms_outbox group by mobile having count(*) > 1) x"))
                .as("recipients with two messages in the outbox").isZero();
        // a message came twice only when its first round was cut before the answer was recorded (the kill): the
        // gateway, idempotent on the outbox id, kept one
        List<Long> resent = arrivalsByOutId.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).toList();
        outcomes.resentSms = resent.size();
        if (!resent.isEmpty()) {
            assertThat(countIn("select count(distinct outbox_id) from sms_attempts where outcome = 'UNRECORDED'"
                    + " and outbox_id::text = any(?)", resent.stream().map(String::valueOf).toList()))
                    .as("messages the gateway saw twice, each with the unrecorded attempt of the killed round")
                    .isEqualTo(resent.size());
        }
    }

    private void checkReminders(List<String[]> loanFirms) {
        for (String[] f : loanFirms) {
            assertThat(count("select count(*) from monitoring_reminders where kind = 'LOAN_DUE' and uscc = '" + f[0] + "'"))
                    .as("LOAN_DUE reminders of " + f[0]).isEqualTo(1);
            assertThat(count("select count(*) from monitoring_alerts where kind = 'LOAN_DUE' and uscc = '" + f[0] + "'"))
                    .as("LOAN_DUE alerts of " + f[0]).isEqualTo(1);
            assertThat(outIdsByMobile.get(f[1])).as("the reminder's SMS at the gateway").hasSize(1);
        }
    }

    // ------------------------------------------------------------------ load

    /** What the clients sent and were answered; "cut": no answer, or the balancer's 502/503/504. */
    static final class Outcomes {
        final ConcurrentLinkedQueue<List<String>> imports = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<List<String>> importsCut = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<List<String>> eventBatches = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<List<String>> eventBatchesCut = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Claim> claims = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Claim> claimsCut = new ConcurrentLinkedQueue<>();
        final Map<Long, AtomicInteger> claimWins = new ConcurrentHashMap<>();
        final AtomicInteger claimConflicts = new AtomicInteger();
        final ConcurrentLinkedQueue<Long> offers = new ConcurrentLinkedQueue<>();
        final AtomicInteger offersCut = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger readsCut = new AtomicInteger();
        final AtomicInteger pagesServed = new AtomicInteger();
        final AtomicInteger pagesCut = new AtomicInteger();
        final ConcurrentLinkedQueue<String> pageErrors = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicInteger> cutHow = new ConcurrentHashMap<>();
        int resentSms;

        void cut(String how) {
            cutHow.computeIfAbsent(how, k -> new AtomicInteger()).incrementAndGet();
        }

        String report(double seconds, double killedAfter, double downFor) {
            return String.format(Locale.ROOT, "three instances behind HAProxy, %.0f s of load, instance 1 killed after %.1f s and"
                    + " back in the balancer %.1f s later:%n  imports %d accepted, %d cut; event batches %d accepted, %d cut;"
                    + " claims %d won, %d answered 409, %d cut; offers %d accepted, %d cut; queue reads %d, %d cut;"
                    + " pages %d served, %d cut%n  cut requests by kind: %s", seconds, killedAfter, downFor, imports.size(),
                    importsCut.size(), eventBatches.size(), eventBatchesCut.size(), claims.size(), claimConflicts.get(),
                    claimsCut.size(), offers.size(), offersCut.get(), reads.get(), readsCut.get(), pagesServed.get(),
                    pagesCut.get(), cutHow);
        }
    }

    record Claim(long id, int bank) {
    }

    record Market(String[] banks, String[] auth) {
    }

    /** An answer, or null when the request was cut (no answer, or the balancer's own error for a dead instance). */
    private HttpResponse<String> send(HttpClient http, HttpRequest req) {
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            int s = res.statusCode();
            if (s == 502 || s == 503 || s == 504) {
                outcomes.cut("balancer " + s);
                return null;
            }
            return res;
        } catch (IOException e) {
            outcomes.cut(e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(balancerUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", adminAuth).header("Accept", "application/json");
    }

    private void importLoop(AtomicLong seq) {
        HttpClient http = client();
        while (loadOn) {
            LockSupport.parkNanos(THINK_NANOS);
            long n = seq.incrementAndGet();
            List<String> firms = new ArrayList<>();
            StringBuilder csv = new StringBuilder(Fixtures.ENTERPRISES_HEADER);
            for (int i = 0; i < IMPORT_SIZE; i++) {
                String uscc = Fixtures.newUscc();
                firms.add(uscc);
                csv.append(Fixtures.enterpriseRow(uscc, "三实例导入" + n + "-" + i + "号公司"));
            }
            HttpResponse<String> res = send(http, api("/api/bundles").header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.zip(Map.of("enterprises", csv.toString())))).build());
            if (res == null) {
                outcomes.importsCut.add(firms);
            } else if (res.statusCode() == 200) {
                outcomes.imports.add(firms);
            } else {
                outcomes.unexpected.add("import " + res.statusCode() + " " + res.body());
            }
        }
    }

    private void eventLoop(List<String[]> firms, AtomicInteger next) {
        HttpClient http = client();
        String day = LocalDate.now(ClockProducer.PARK_ZONE).minusDays(1).toString();
        while (loadOn) {
            LockSupport.parkNanos(THINK_NANOS);
            int from = next.getAndAdd(EVENT_BATCH);
            if (from + EVENT_BATCH > firms.size()) {
                return;
            }
            List<String> numbers = new ArrayList<>();
            StringBuilder body = new StringBuilder("[");
            for (int k = from; k < from + EVENT_BATCH; k++) {
                numbers.add("T-" + k);
                body.append(k > from ? "," : "").append("{\"source\":\"THREE\",\"eventNo\":\"T-").append(k)
                        .append("\",\"uscc\":\"").append(firms.get(k)[0]).append("\",\"type\":\"ADMIN_PENALTY\",")
                        .append("\"severity\":\"GENERAL\",\"occurredOn\":\"").append(day)
                        .append("\",\"amount\":5000,\"title\":\"三实例事件#").append(k).append("\"}");
            }
            body.append(']');
            HttpResponse<String> res = send(http, api("/api/credit-events").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build());
            if (res == null) {
                outcomes.eventBatchesCut.add(numbers);
            } else if (res.statusCode() == 201) {
                outcomes.eventBatches.add(numbers);
            } else {
                outcomes.unexpected.add("events " + res.statusCode() + " " + res.body());
            }
        }
    }

    /** One bank officer: 60 % queue reads, 20 % claims of a request it saw, 20 % offers on one its bank won. */
    private void marketLoop(Market m, int bank) {
        HttpClient http = client();
        String offer = "{\"amount\":50000,\"rate\":4.2,\"termDays\":90,\"expiresOn\":\""
                + LocalDate.now(ClockProducer.PARK_ZONE).plusDays(10) + "\"}";
        List<Long> seen = new ArrayList<>();
        List<Long> mine = new ArrayList<>();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (loadOn) {
            LockSupport.parkNanos(THINK_NANOS);
            int dice = rnd.nextInt(100);
            HttpRequest.Builder b;
            if (dice < 20 && !seen.isEmpty()) {
                long id = seen.remove(rnd.nextInt(seen.size()));
                HttpResponse<String> res = send(http, officer(m, bank, "/api/financing-requests/" + id + "/claim")
                        .POST(HttpRequest.BodyPublishers.noBody()).build());
                if (res == null) {
                    outcomes.claimsCut.add(new Claim(id, bank));
                } else if (res.statusCode() == 200) {
                    outcomes.claims.add(new Claim(id, bank));
                    outcomes.claimWins.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    mine.add(id);
                } else if (res.statusCode() == 409) {
                    outcomes.claimConflicts.incrementAndGet();
                } else {
                    outcomes.unexpected.add("claim " + res.statusCode() + " " + res.body());
                }
            } else if (dice < 40 && !mine.isEmpty()) {
                long id = mine.get(rnd.nextInt(mine.size()));
                HttpResponse<String> res = send(http, officer(m, bank, "/api/financing-requests/" + id + "/offers")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(offer)).build());
                if (res == null) {
                    outcomes.offersCut.incrementAndGet();
                } else if (res.statusCode() == 201) {
                    Matcher id2 = FIRST_ID.matcher(res.body());
                    if (id2.find()) {
                        outcomes.offers.add(Long.parseLong(id2.group(1)));
                    } else {
                        outcomes.unexpected.add("offer without id " + res.body());
                    }
                } else {
                    outcomes.unexpected.add("offer " + res.statusCode() + " " + res.body());
                }
            } else {
                b = officer(m, bank, "/api/financing-requests?status=ROUTED&size=20&page=" + rnd.nextInt(5));
                HttpResponse<String> res = send(http, b.GET().build());
                if (res == null) {
                    outcomes.readsCut.incrementAndGet();
                } else if (res.statusCode() == 200) {
                    outcomes.reads.incrementAndGet();
                    seen.clear();
                    Matcher ids = ITEM_ID.matcher(res.body());
                    while (ids.find()) {
                        seen.add(Long.parseLong(ids.group(1)));
                    }
                } else {
                    outcomes.unexpected.add("queue " + res.statusCode() + " " + res.body());
                }
            }
        }
    }

    private HttpRequest.Builder officer(Market m, int bank, String path) {
        return HttpRequest.newBuilder(URI.create(balancerUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", m.auth[bank]).header("Accept", "application/json");
    }

    /** Signs in on the login page through the balancer, then loads pages with the cookie, round the instances. */
    private void pageLoop() {
        String cookie = null;
        while (loadOn && cookie == null) {
            try {
                cookie = signIn(balancerUrl());
            } catch (IOException e) {
                outcomes.cut("sign-in " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                return;
            }
        }
        HttpClient http = client();
        int k = 0;
        while (loadOn) {
            LockSupport.parkNanos(THINK_NANOS);
            String path = PAGES[k++ % PAGES.length];
            HttpResponse<String> res = send(http, HttpRequest.newBuilder(URI.create(balancerUrl() + path))
                    .timeout(Duration.ofSeconds(30)).header("Cookie", cookie).header("Accept", "text/html").GET().build());
            if (res == null) {
                outcomes.pagesCut.incrementAndGet();
            } else if (res.statusCode() == 200) {
                outcomes.pagesServed.incrementAndGet();
            } else {
                outcomes.pageErrors.add(path + " " + res.statusCode() + " " + res.headers().firstValue("Location").orElse(""));
            }
        }
    }

    /** The session cookies ({@code name=value; name=value}) of a sign-in with the login form. */
    private static String signIn(String base) throws IOException, InterruptedException {
        String form = "j_username=admin&j_password=" + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> res = client().send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 302 || res.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IOException("sign-in answered " + res.statusCode() + " " + res.headers().map());
        }
        // the encrypted form cookie and the server-side session's token (SessionStore)
        List<String> cookies = res.headers().allValues("Set-Cookie").stream().map(c -> c.substring(0, c.indexOf(';')))
                .filter(c -> c.startsWith("parkcredit-session=") || c.startsWith("parkcredit-sid=")).toList();
        if (cookies.size() != 2) {
            throw new IOException("no session cookies: " + res.headers().map());
        }
        return String.join("; ", cookies);
    }

    private static int page(String base, String cookie, String path) throws IOException, InterruptedException {
        return client().send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookie).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // ------------------------------------------------------------------ processes

    private Process start(int i, int run) throws IOException {
        Path jar = Path.of(System.getProperty("parkcredit.jar", "target/quarkus-app/quarkus-run.jar"));
        logs[i] = Files.createTempFile("parkcredit-three-" + i + "-" + run + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString());
        Map<String, String> e = pb.environment();
        PackagedServer.environment(e, db, ports[i], ADMIN_PASSWORD);
        // one key for the three: a cookie issued by one instance opens the pages on the others
        e.put("PARKCREDIT_SESSION_KEY", SESSION_KEY);
        e.put("PARKCREDIT_DATA_DIR", Files.createTempDirectory("parkcredit-three-data").toString());
        e.put("PARKCREDIT_MONITORING_SCAN_CRON", "0/2 * * * * ?");
        e.put("PARKCREDIT_MONITORING_SMS_PROVIDER", "http");
        e.put("PARKCREDIT_MONITORING_SMS_HTTP_URL", gateway.url());
        e.put("PARKCREDIT_MONITORING_SMS_HTTP_SECRET", "three-instances-secret");
        e.put("PARKCREDIT_MONITORING_SMS_HTTP_TIMEOUT", "PT2S");
        e.put("PARKCREDIT_MONITORING_SMS_EVERY", "1s");
        e.put("PARKCREDIT_MONITORING_SMS_LEASE", "PT5S");
        e.put("PARKCREDIT_MONITORING_SMS_BATCH_SIZE", "200");
        e.put("PARKCREDIT_MONITORING_SMS_DAILY_CAP", "1000000");
        e.put("PARKCREDIT_MONITORING_SMS_QUIET_START", "00:00");
        e.put("PARKCREDIT_MONITORING_SMS_QUIET_END", "00:00");
        e.put("QUARKUS_LOG_CATEGORY__IO_PARKCREDIT__LEVEL", "INFO");
        pb.redirectErrorStream(true).redirectOutput(logs[i].toFile());
        return pb.start();
    }

    private void awaitReady(int i) {
        PackagedServer.awaitReady("instance " + i + " (log " + logs[i] + ")", servers[i], "127.0.0.1", ports[i],
                Duration.ofSeconds(120));
    }

    private void startHaproxy() throws IOException {
        balancer = freePort();
        stats = freePort();
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 512
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout http-keep-alive 30s
                    option forwardfor
                    option redispatch
                    retries 3
                frontend parkcredit
                    bind 127.0.0.1:%d
                    default_backend instances
                backend instances
                    balance roundrobin
                    option httpchk GET /q/health/ready
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 2
                """.formatted(balancer));
        for (int i = 0; i < 3; i++) {
            cfg.append("    server s").append(i).append(" 127.0.0.1:").append(ports[i]).append(" check\n");
        }
        cfg.append("""
                listen stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                """.formatted(stats));
        Path file = Files.createTempFile("parkcredit-haproxy-", ".cfg");
        Files.writeString(file, cfg);
        Path log = Files.createTempFile("parkcredit-haproxy-", ".log");
        String exe = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
        haproxy = new ProcessBuilder(exe, "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        MonitoringFixtures.await("HAProxy listening (log " + log + ")", Duration.ofSeconds(20), () -> {
            assertThat(haproxy.isAlive()).as("HAProxy running (log " + log + ")").isTrue();
            return !statsCsv().isEmpty();
        });
    }

    private String balancerUrl() {
        return "http://127.0.0.1:" + balancer;
    }

    private List<String[]> statsCsv() {
        try {
            HttpResponse<String> res = client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stats + "/stats;csv"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return res.body().lines().filter(l -> l.startsWith("instances,s")).map(l -> l.split(",", -1)).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The instances HAProxy's health check has up. */
    private Set<String> serversUp() {
        Set<String> up = new java.util.TreeSet<>();
        for (String[] f : statsCsv()) {
            if (f[17].startsWith("UP")) {
                up.add(f[1]);
            }
        }
        return up;
    }

    /** Requests the balancer has given one instance so far (HAProxy's stot). */
    private long served(String server) {
        return statsCsv().stream().filter(f -> f[1].equals(server)).mapToLong(f -> Long.parseLong(f[7])).sum();
    }

    /** Requests each instance got from the balancer (HAProxy's stot). */
    private String balancerSpread() {
        StringBuilder sb = new StringBuilder("  requests per instance at the balancer:");
        for (String[] f : statsCsv()) {
            sb.append(' ').append(f[1]).append('=').append(f[7]);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ data

    /** Banks with an officer each, and ROUTED requests routed to half of the banks each (as MarketLoad). */
    private Market seedMarket() throws SQLException {
        String[] banks = new String[BANKS];
        String[] auth = new String[BANKS];
        try (Connection c = jdbc()) {
            c.setAutoCommit(false);
            try (PreparedStatement inst = c.prepareStatement("insert into institutions (code, name, kind) values (?, ?, 'BANK')");
                    PreparedStatement user = c.prepareStatement("insert into app_users (username, password_hash, role,"
                            + " institution_code, created_at) values (?, ?, 'BANK', ?, now())")) {
                String hash = BcryptUtil.bcryptHash(OFFICER_PASSWORD);
                for (int i = 0; i < BANKS; i++) {
                    banks[i] = "THREE-B" + i;
                    auth[i] = basic("three-officer-" + i, OFFICER_PASSWORD);
                    inst.setString(1, banks[i]);
                    inst.setString(2, "三实例银行" + i);
                    inst.addBatch();
                    user.setString(1, "three-officer-" + i);
                    user.setString(2, hash);
                    user.setString(3, banks[i]);
                    user.addBatch();
                }
                inst.executeBatch();
                user.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("""
                        insert into enterprises (uscc, name, industry_code, in_park)
                        select '91THREE' || lpad(g::text, 11, '0'), '三实例卖方' || g, 'C3110', true
                        from generate_series(1, 200) g""");
            }
            FinancingFixtures.routedMarket(c, "THREE", "三实例卖方", "三实例债务人", REQUESTS, banks);
            c.commit();
        }
        return new Market(banks, auth);
    }

    /** Park firms with a mobile each: {uscc, mobile}. */
    private List<String[]> seedFirms(String tag, int n) throws SQLException {
        List<String[]> firms = new ArrayList<>();
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(
                "insert into enterprises (uscc, name, contact_mobile, in_park) values (?, ?, ?, true)")) {
            for (int i = 0; i < n; i++) {
                String[] f = {Fixtures.newUscc(), MonitoringFixtures.newMobile()};
                firms.add(f);
                ps.setString(1, f[0]);
                ps.setString(2, "三实例" + tag + i + "号公司");
                ps.setString(3, f[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return firms;
    }

    /** A lender and one loan per firm, due within the reminder window, all committed at once. */
    private void commitLoans(List<String[]> firms) throws SQLException {
        LocalDate today = LocalDate.now(ClockProducer.PARK_ZONE);
        try (Connection c = jdbc()) {
            c.setAutoCommit(false);
            c.createStatement().execute("insert into institutions (code, name, kind) values ('THREE-LENDER', '三实例贷款行', 'BANK')");
            try (PreparedStatement ps = c.prepareStatement("insert into loans (lender_code, loan_no, uscc, principal,"
                    + " start_date, due_date) values ('THREE-LENDER', ?, ?, 100000, ?, ?)")) {
                for (int i = 0; i < firms.size(); i++) {
                    ps.setString(1, "THREE-LOAN-" + i);
                    ps.setString(2, firms.get(i)[0]);
                    ps.setObject(3, today.minusYears(1));
                    ps.setObject(4, today.plusDays(1 + i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    private Connection jdbc() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, db.password());
    }

    private long count(String sql) {
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long countIn(String sql, List<String> values) {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", values.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void await(Duration d) {
        // the load runs for a fixed time: this waits for the clock, not for a condition
        long end = System.nanoTime() + d.toNanos();
        MonitoringFixtures.awaitUpTo(d.plusSeconds(1), () -> System.nanoTime() >= end);
    }
}
