package io.parkcredit.testing;

import static io.parkcredit.testing.Fixtures.asAdmin;

import io.parkcredit.monitoring.DispatchPolicy;
import io.parkcredit.monitoring.SmsSender;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/** Firms with their own mobile numbers, lenders with open loans, credit events and test senders for monitoring. */
public final class MonitoringFixtures {

    private static final AtomicLong MOBILE = new AtomicLong(System.nanoTime() % 400_000_000L);

    private MonitoringFixtures() {
    }

    public record Firm(String uscc, String name, String mobile) {
    }

    /** A mobile number no other fixture of this JVM uses. */
    public static String newMobile() {
        return "15" + String.format("%09d", MOBILE.incrementAndGet() % 1_000_000_000L);
    }

    /** Imports {@code n} active park firms, each with its own contact mobile. */
    public static List<Firm> firms(int n, String tag) {
        List<Firm> firms = new ArrayList<>();
        StringBuilder csv = new StringBuilder(Fixtures.ENTERPRISES_HEADER);
        for (int i = 0; i < n; i++) {
            Firm f = new Firm(Fixtures.newUscc(), tag + i + "号科技有限公司", newMobile());
            firms.add(f);
            csv.append(f.uscc()).append(',').append(f.name()).append(",2015-03-01,C3110,5000000,120,ACTIVE,王芳,")
                    .append(f.mobile()).append(",true,舞钢市经山路1号,3,1\n");
        }
        Fixtures.importBundle(Map.of("enterprises", csv.toString()));
        return firms;
    }

    public static Firm firm(String name) {
        return firms(1, name).get(0);
    }

    /** A bank with an open loan to the firm; returns the bank's code. */
    public static String bankLending(String uscc, LocalDate start, LocalDate due) {
        String bank = Fixtures.newCode("MB");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("institutions", "code,name,kind\n" + bank + ",监护测试银行,BANK\n");
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + bank + "," + Fixtures.newCode("L") + "," + uscc + ",800000," + start + "," + due + ",\n");
        Fixtures.importBundle(files);
        return bank;
    }

    public static Map<String, Object> event(String uscc, String type, String severity, LocalDate occurred, String title) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("source", "SAMR");
        e.put("eventNo", Fixtures.newCode("CF"));
        e.put("uscc", uscc);
        e.put("type", type);
        if (severity != null) {
            e.put("severity", severity);
        }
        e.put("occurredOn", occurred.toString());
        e.put("amount", 20000);
        e.put("title", title);
        return e;
    }

    public static JsonPath post(Object body) {
        return asAdmin().contentType("application/json").body(body).post("/api/credit-events").then().statusCode(201)
                .extract().jsonPath();
    }

    /** Quiet hours 22:00–08:00, the given cap, 3 attempts, back-off 1 s doubling to 4 s. */
    public static DispatchPolicy policy(int cap) {
        return new DispatchPolicy(LocalTime.of(22, 0), LocalTime.of(8, 0), cap, 3, Duration.ofSeconds(1), Duration.ofSeconds(4));
    }

    /** A sender by its name and what it does with each message. */
    public static SmsSender sender(String name, java.util.function.Function<SmsSender.Message, SmsSender.Outcome> send) {
        return new SmsSender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Outcome send(Message m) {
                return send.apply(m);
            }
        };
    }

    /** Records what it is asked to send; can be told to fail. */
    public static final class RecordingSender implements SmsSender {
        public final List<Message> sent = new CopyOnWriteArrayList<>();
        public final Map<Long, Integer> tries = new ConcurrentHashMap<>();
        public volatile boolean down;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Outcome send(Message m) {
            tries.merge(m.id(), 1, Integer::sum);
            if (down) {
                return Outcome.failed("provider refused");
            }
            sent.add(m);
            return Outcome.sent("rec-" + m.id());
        }
    }

    /** Waits for a condition, failing after the timeout. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        if (!awaitUpTo(timeout, condition)) {
            throw new AssertionError("timed out waiting for " + what);
        }
    }

    /** Waits until the condition holds or the timeout passes; whether it holds (the caller reports a miss). */
    public static boolean awaitUpTo(Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        return true;
    }
}
