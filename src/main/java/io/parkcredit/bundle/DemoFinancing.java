package io.parkcredit.bundle;

import io.parkcredit.financing.DealService;
import io.parkcredit.financing.FinancingInput;
import io.parkcredit.financing.FinancingService;
import io.parkcredit.financing.FinancingSweep;
import io.parkcredit.financing.ProductService;
import io.parkcredit.financing.RequestStatus;
import io.parkcredit.financing.RequestView;
import io.parkcredit.financing.Route;
import io.parkcredit.security.Role;
import io.parkcredit.security.StartupActor;
import io.parkcredit.security.StartupActor.Actor;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The financing chapter of the demo story (DOMAIN.md §7): every bank and guarantor publishes a
 * product, and firms post receivables on their customers that are taken to every stage of the
 * funnel — held for the park's review, waiting in a queue, claimed, offered, accepted, disbursed,
 * repaid, and overdue (disbursed on a past day; the sweep turns the missed repayment into a loan in
 * arrears). Each step is the real service call by its actor.
 */
@ApplicationScoped
public class DemoFinancing {

    private static final Logger LOG = Logger.getLogger(DemoFinancing.class);

    /** Where a request is left; OVERDUE is a disbursement whose repayment day has passed. */
    enum Stage { OFFERED, REPAID, REVIEW, ROUTED, CLAIMED, ACCEPTED, DISBURSED, OVERDUE }

    /** A seller and the customer it invoices most regularly, with that customer's mean monthly payments. */
    record Pair(String seller, String debtor, String debtorName, int months, BigDecimal monthlyIn) {
    }

    /** The firms the story's financing chapter is about; {@code firm} and {@code debtor} get sign-in users. */
    public record Cast(String firm, String debtor, List<Pair> pairs, int perStage) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    StartupActor actors;

    @Inject
    FinancingService requests;

    @Inject
    DealService deals;

    @Inject
    ProductService products;

    @Inject
    FinancingSweep sweep;

    @Inject
    Clock clock;

    private String firmUscc;
    private String debtorUscc;

    /**
     * Chooses the sellers (most regular customers first) and the two firms that get demo users: the
     * first seller that may be rated and that, like its customer, has never been late on a loan
     * (so neither is on a YELLOW list), and that customer.
     */
    Cast cast(LocalDate today, int firms, List<String> ratable) {
        LocalDate month = today.withDayOfMonth(1);
        Map<String, Pair> best = new TreeMap<>();
        query("""
                select t.uscc, t.counterparty_uscc, d.name, count(distinct date_trunc('month', t.booked_on)),
                       coalesce(sum(t.amount) filter (where t.booked_on >= ? and t.booked_on < ?), 0) / 3
                from transactions t
                join enterprises s on s.uscc = t.uscc
                join enterprises d on d.uscc = t.counterparty_uscc
                where t.direction = 'IN' and t.booked_on >= ? and t.booked_on < ? and t.counterparty_uscc <> t.uscc
                  and s.in_park and s.status = 'ACTIVE' and d.status <> 'DEREGISTERED'
                group by 1, 2, 3 order by 1, 4 desc, 2""", rs -> {
            Pair p = new Pair(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBigDecimal(5));
            best.putIfAbsent(p.seller(), p);
        }, month.minusMonths(3), month, month.minusMonths(12), month);
        List<Pair> pairs = new ArrayList<>(best.values());
        pairs.sort((a, b) -> a.months() != b.months() ? b.months() - a.months() : a.seller().compareTo(b.seller()));
        if (pairs.isEmpty()) {
            throw new IllegalStateException("the demo park has no firm with customers in the park");
        }
        Set<String> late = new HashSet<>();
        query("select distinct uscc from loans where due_date < ? and (settled_on is null or settled_on > due_date)",
                rs -> late.add(rs.getString(1)), today);
        Set<String> mayRate = new HashSet<>(ratable);
        Pair lead = pairs.stream().filter(p -> mayRate.contains(p.seller()) && !late.contains(p.seller())
                && !late.contains(p.debtor())).findFirst().orElse(pairs.get(0));
        pairs.remove(lead);
        pairs.add(0, lead);
        firmUscc = lead.seller();
        debtorUscc = lead.debtor();
        return new Cast(firmUscc, debtorUscc, pairs, Math.max(2, firms / 80));
    }

    /** The actor of a firm: the demo sign-in user where it has one. */
    Actor firmActor(String uscc) {
        String name = uscc.equals(firmUscc) ? DemoUsers.FIRM : uscc.equals(debtorUscc) ? DemoUsers.DEBTOR : "demo-" + uscc;
        return Actor.firm(name, uscc);
    }

    static Actor institutionActor(String code) {
        Role role = code.startsWith("G") ? Role.GUARANTOR : Role.BANK;
        String name = code.equals(DemoUsers.BANK_CODE) ? DemoUsers.BANK
                : code.equals(DemoUsers.GUARANTOR_CODE) ? DemoUsers.GUARANTOR : "demo-" + code;
        return Actor.institution(name, role, code);
    }

    /** Products, then the requests of the plan; returns how many requests ended in each state. */
    Map<String, Integer> tell(LocalDate today, long seed, Cast cast) {
        publishProducts();
        List<Stage> plan = new ArrayList<>(List.of(Stage.OFFERED, Stage.REPAID));
        for (int i = 0; i < cast.perStage(); i++) {
            for (Stage s : Stage.values()) {
                if (i > 0 || (s != Stage.OFFERED && s != Stage.REPAID)) {
                    plan.add(s);
                }
            }
        }
        Map<String, Integer> done = new TreeMap<>();
        int next = 1;
        int invoice = 0;
        for (int i = 0; i < plan.size(); i++) {
            Stage stage = plan.get(i);
            Pair pair = i < 2 ? cast.pairs().get(0) : next < cast.pairs().size() ? cast.pairs().get(next++) : null;
            if (pair == null) {
                break;
            }
            invoice++;
            try {
                String reached = walk(pair, stage, today, seed, invoice);
                done.merge(reached, 1, Integer::sum);
                if (reached.equals("REJECTED") && next < cast.pairs().size()) {
                    i--; // a YELLOW seller or debtor is refused: try the next firm for this stage
                }
            } catch (ProblemException e) {
                // a request the rules stop (no matching product, a duplicate) stays where it stopped
                LOG.debugf("demo request %d stopped short of %s: %s", invoice, stage, e.getMessage());
                done.merge("STOPPED", 1, Integer::sum);
            }
        }
        FinancingSweep.Swept swept = sweep.sweep(clock.instant());
        done.put("overdueBySweep", swept.overdue());
        return done;
    }

    private void publishProducts() {
        BigDecimal min = new BigDecimal("10000.00");
        String[] bankNames = {"应收账款融资贷", "园区信易贷", "科创信用贷", "供应链快贷", "小微惠企贷", "中原e贷", "邮e贷", "鹰城科技贷"};
        for (int i = 0; i < bankNames.length; i++) {
            int b = i;
            // the second bank lends on the red list and the white pool only; the third to manufacturers only
            List<String> lists = b == 1 ? List.of("RED", "WHITE") : List.of();
            List<String> industries = b == 2 ? List.of("C") : List.of();
            actors.run(institutionActor(DemoPark.bankCode(b)), () -> products.publish(new ProductService.ProductInput(
                    bankNames[b], "LOAN", min, new BigDecimal("30000000.00"), 360, List.of("EXCELLENT", "MIXED"), lists,
                    industries, new BigDecimal("3.45").add(BigDecimal.valueOf(b * 15, 2)),
                    new BigDecimal("5.80").add(BigDecimal.valueOf(b * 10, 2)))));
        }
        String[] guaranteeNames = {"应收账款融资担保", "小微企业信用担保", "园区科技担保", "中小企业过桥担保"};
        for (int g = 0; g < guaranteeNames.length; g++) {
            int k = g;
            actors.run(institutionActor(DemoPark.guarantorCode(k)), () -> products.publish(new ProductService.ProductInput(
                    guaranteeNames[k], "GUARANTEE", min, new BigDecimal("20000000.00"), 360, List.of("MIXED", "POOR"),
                    List.of(), List.of(), new BigDecimal("1.00"), new BigDecimal("2.50"))));
        }
    }

    /** One receivable taken to {@code stage}; returns the state it ended in. */
    private String walk(Pair pair, Stage stage, LocalDate today, long seed, int invoice) {
        Actor seller = firmActor(pair.seller());
        String debtor = stage == Stage.REVIEW ? stranger(pair.seller()) : pair.debtor();
        String debtorName = stage == Stage.REVIEW ? name(debtor) : pair.debtorName();
        BigDecimal amount = pair.monthlyIn().multiply(new BigDecimal("1.5")).max(new BigDecimal("200000"))
                .setScale(-2, RoundingMode.HALF_UP).setScale(2);
        BigDecimal requested = amount.multiply(new BigDecimal("0.8")).setScale(-2, RoundingMode.HALF_UP).setScale(2);
        String no = String.format("FP%d%06d", today.getYear(), (seed % 1000) * 1000 + invoice);
        RequestView r = actors.call(seller, () -> requests.post(new FinancingInput.Receivable(debtor, debtorName, no,
                today.minusDays(30).toString(), amount, today.plusDays(60).toString(),
                "HT-" + today.getYear() + "-" + invoice, requested, 90)));
        long id = r.id();
        if (r.status() == RequestStatus.REJECTED || stage == Stage.REVIEW) {
            return r.status().name();
        }
        if (stage != Stage.ROUTED) {
            // the customer confirms the receivable: the request is graded again with 30 more points
            r = actors.call(firmActor(debtor), () -> requests.confirmByDebtor(id));
        }
        if (r.status() == RequestStatus.REVIEW) {
            r = actors.call(DemoStory.PARK, () -> requests.override(id, Route.BANKS,
                    "核心企业确认应收账款，园区推荐银行受理"));
        }
        if (stage == Stage.ROUTED) {
            return r.status().name();
        }
        if (r.route() == Route.GUARANTORS) {
            Actor guarantor = institutionActor(firstRouted(id, "GUARANTORS"));
            actors.run(guarantor, () -> deals.claim(id));
            actors.run(guarantor, () -> deals.commitGuarantee(id, new DealService.GuaranteeInput("DB-" + no, requested,
                    new BigDecimal("1.50"))));
        }
        Actor bank = institutionActor(firstRouted(id, "BANKS"));
        r = actors.call(bank, () -> deals.claim(id));
        if (stage == Stage.CLAIMED) {
            return r.status().name();
        }
        int term = stage == Stage.OVERDUE ? 60 : 90;
        DealService.OfferView offer = actors.call(bank, () -> deals.offer(id, new DealService.OfferInput(requested,
                new BigDecimal("4.35"), term, today.plusDays(14), "按应收账款金额八成授信")));
        if (stage == Stage.OFFERED) {
            return "OFFERED";
        }
        r = actors.call(seller, () -> deals.accept(id, offer.id()));
        if (stage == Stage.ACCEPTED) {
            return r.status().name();
        }
        // an overdue loan was disbursed long enough ago for its repayment day to have passed
        LocalDate paidOut = stage == Stage.OVERDUE ? today.minusDays(75) : today;
        r = actors.call(bank, () -> deals.disburse(id, new DealService.DisbursementInput(paidOut, requested)));
        if (stage != Stage.REPAID) {
            return stage == Stage.OVERDUE ? "OVERDUE" : r.status().name();
        }
        return actors.call(bank, () -> deals.repay(id, new DealService.RepaymentInput(today))).status().name();
    }

    /** The institution a request went to on a leg: the demo users' own institutions first. */
    private String firstRouted(long id, String leg) {
        List<String> codes = new ArrayList<>();
        query("select institution_code from financing_routes where request_id = ? and leg = ?"
                + " order by institution_code in (?, ?) desc, institution_code", rs -> codes.add(rs.getString(1)),
                id, leg, DemoUsers.BANK_CODE, DemoUsers.GUARANTOR_CODE);
        if (codes.isEmpty()) {
            throw ProblemException.conflict("demo-not-routed", "request " + id + " matched no " + leg + " product");
        }
        return codes.get(0);
    }

    /** A park firm the seller has never been paid by: a receivable on it grades POOR. */
    private String stranger(String seller) {
        List<String> found = new ArrayList<>();
        query("""
                select e.uscc from enterprises e where e.in_park and e.status = 'ACTIVE' and e.uscc <> ?
                  and not exists (select 1 from transactions t where t.uscc = ? and t.counterparty_uscc = e.uscc)
                order by e.uscc limit 1""", rs -> found.add(rs.getString(1)), seller, seller);
        return found.get(0);
    }

    private String name(String uscc) {
        List<String> found = new ArrayList<>();
        query("select name from enterprises where uscc = ?", rs -> found.add(rs.getString(1)), uscc);
        return found.get(0);
    }

    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    void query(String sql, Row row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("demo story query failed: " + e.getMessage(), e);
        }
    }
}
