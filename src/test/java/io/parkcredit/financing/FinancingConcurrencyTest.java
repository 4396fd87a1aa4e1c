package io.parkcredit.financing;

import static io.parkcredit.testing.FinancingFixtures.receivable;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** One winner among concurrent claims, one stored request among concurrent posts of a receivable. */
@QuarkusTest
class FinancingConcurrencyTest {

    @Inject
    DataSource ds;

    static List<Integer> race(int n, java.util.function.IntFunction<Callable<Integer>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Integer> c = call.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : futures) {
                codes.add(f.get(120, TimeUnit.SECONDS));
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyConcurrentClaimsHaveExactlyOneWinner() throws Exception {
        Firm seller = FinancingFixtures.firm("抢单测试公司");
        Firm debtor = FinancingFixtures.firm("抢单测试买方");
        List<Inst> banks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            banks.add(FinancingFixtures.bank());
        }
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("RACE"), 150_000, 100_000, 90))
                .getLong("id");
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "并发测试"))
                .post("/api/financing-requests/" + id + "/override").then().statusCode(200);
        // warm each officer's login so the race is about the claim
        banks.forEach(b -> Fixtures.asUser(b.user()).get("/api/financing-requests/" + id).then().statusCode(200));

        List<Integer> codes = race(50, i -> () -> Fixtures.asUser(banks.get(i % banks.size()).user())
                .post("/api/financing-requests/" + id + "/claim").then().extract().statusCode());
        assertThat(codes.stream().filter(c -> c == 200).count()).isEqualTo(1);
        assertThat(codes.stream().filter(c -> c == 409).count()).isEqualTo(49);
        List<Object[]> claims = FinancingFixtures.rows(ds,
                "select count(*) from financing_steps where request_id = ? and step = 'CLAIMED'", id);
        assertThat(((Number) claims.get(0)[0]).longValue()).isEqualTo(1);
    }

    @Test
    void twentyConcurrentPostsOfOneReceivableStoreExactlyOne() throws Exception {
        Firm seller = FinancingFixtures.firm("并发申请公司");
        Firm debtor = FinancingFixtures.firm("并发申请买方");
        Fixtures.asUser(seller.user()).get("/api/financing-requests").then().statusCode(200);
        String invoice = Fixtures.newCode("SAME");
        List<Integer> codes = race(20, i -> () -> Fixtures.asUser(seller.user()).contentType("application/json")
                .body(receivable(debtor.uscc(), invoice, 150_000, 100_000 + i, 90)).post("/api/financing-requests")
                .then().extract().statusCode());
        assertThat(codes.stream().filter(c -> c == 201).count()).isEqualTo(1);
        assertThat(codes.stream().filter(c -> c == 409).count()).isEqualTo(19);
        List<Object[]> stored = FinancingFixtures.rows(ds,
                "select count(*) from financing_requests where debtor_uscc = ? and invoice_no = ?", debtor.uscc(), invoice);
        assertThat(((Number) stored.get(0)[0]).longValue()).isEqualTo(1);
    }
}
