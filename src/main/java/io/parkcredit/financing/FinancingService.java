package io.parkcredit.financing;

import io.parkcredit.security.Action;
import io.parkcredit.classification.ClassificationService;
import io.parkcredit.classification.CreditList;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posting, grading and routing of receivables (DOMAIN.md §7), the debtor's confirmation, the
 * park's override of a POOR grade, and what each role reads.
 */
@ApplicationScoped
public class FinancingService {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    FinancingConfig config;

    @Inject
    GradingService grading;

    @Inject
    ProductService products;

    @Inject
    ClassificationService classification;

    @Inject
    FinancingAccess access;

    @Inject
    FinancingRows rows;

    /**
     * Posts a receivable for the caller's firm: input checks (422, nothing stored), the duplicate
     * check (409; the partial unique index decides between concurrent posts), the YELLOW refusal
     * (stored REJECTED with the reason), else the cash-flow grade and its route.
     */
    @Transactional
    public RequestView post(FinancingInput.Receivable body) {
        currentUser.require(Action.FINANCING_POST);
        String seller = currentUser.uscc();
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        FinancingInput.Checked in = FinancingInput.check(body, seller, today);
        if (openRequestFor(in.debtorUscc(), in.invoiceNo()).isPresent()) {
            throw duplicate(in);
        }
        Optional<Map.Entry<Integer, CreditList>> sellerList = classification.latestPublishedList(seller);
        Optional<Map.Entry<Integer, CreditList>> debtorList = classification.latestPublishedList(in.debtorUscc());
        List<String> refusals = new ArrayList<>();
        sellerList.filter(e -> e.getValue() == CreditList.YELLOW)
                .ifPresent(e -> refusals.add("卖方企业在" + e.getKey() + "年黄名单（恶意逃废银行债务），不予融资支持"));
        debtorList.filter(e -> e.getValue() == CreditList.YELLOW)
                .ifPresent(e -> refusals.add("债务人在" + e.getKey() + "年黄名单（恶意逃废银行债务），不予融资支持"));
        CashFlowGrading.Result result = refusals.isEmpty()
                ? grading.grade(seller, in.debtorUscc(), in.amount(), false, today)
                : new CashFlowGrading.Result(0, Grade.REJECTED, List.of());
        Grade grade = result.grade();
        RequestStatus status = grade == Grade.REJECTED ? RequestStatus.REJECTED : RequestStatus.REVIEW;
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                insert into financing_requests (seller_uscc, debtor_uscc, debtor_name, invoice_no, invoice_date, amount,
                    due_date, contract_no, requested_amount, term_days, status, grade, score, factors, reason, route,
                    seller_list, graded_on, posted_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 'NONE', ?16, ?17, ?18)
                on conflict (debtor_uscc, invoice_no) where status not in ('REJECTED', 'WITHDRAWN') do nothing
                returning id""")
                .setParameter(1, seller).setParameter(2, in.debtorUscc()).setParameter(3, in.debtorName())
                .setParameter(4, in.invoiceNo()).setParameter(5, Date.valueOf(in.invoiceDate()))
                .setParameter(6, in.amount()).setParameter(7, Date.valueOf(in.dueDate()))
                .setParameter(8, in.contractNo()).setParameter(9, in.requestedAmount()).setParameter(10, in.termDays())
                .setParameter(11, status.name()).setParameter(12, grade.name()).setParameter(13, result.score())
                .setParameter(14, access.factorsJson(result.factors()))
                .setParameter(15, refusals.isEmpty() ? null : String.join("；", refusals))
                .setParameter(16, sellerList.map(e -> e.getValue().name()).orElse("NONE"))
                .setParameter(17, Date.valueOf(today)).setParameter(18, utc(now)).getResultList();
        if (ids.isEmpty()) {
            throw duplicate(in);
        }
        FinancingRequest r = em.find(FinancingRequest.class, ids.get(0).longValue());
        access.step(r.id, "POSTED", null, grade + " " + result.score());
        audit.record("FINANCING_POSTED", "financing_request", String.valueOf(r.id),
                "invoice " + in.invoiceNo() + " of " + in.debtorUscc() + ": " + grade + " " + result.score(), r.reason);
        if (grade != Grade.REJECTED) {
            routeByGrade(r, now);
        }
        return access.view(r);
    }

    /** The debtor (its ENTERPRISE user) or the park confirms the receivable; the request is regraded. */
    @Transactional
    public RequestView confirmByDebtor(long id) {
        currentUser.require(Action.FINANCING_CONFIRM);
        FinancingRequest r = access.visible(id, true);
        boolean debtor = currentUser.has(Role.ENTERPRISE) && r.debtorUscc.equals(currentUser.uscc());
        if (!debtor && !currentUser.has(Role.ADMIN)) {
            throw ProblemException.forbidden("only the debtor or the park may confirm request " + id);
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        r.confirmByDebtor(currentUser.name(), now);
        Grade before = r.grade;
        CashFlowGrading.Result result = grading.grade(r.sellerUscc, r.debtorUscc, r.amount, true, today);
        r.regrade(result.score(), result.grade(), access.factorsJson(result.factors()), today);
        access.step(r.id, "CONFIRMED", null, before + " → " + result.grade() + " " + result.score());
        audit.record("FINANCING_DEBTOR_CONFIRMED", "financing_request", String.valueOf(r.id),
                "regraded " + before + " → " + result.grade() + " " + result.score(), null);
        boolean unclaimed = r.status == RequestStatus.REVIEW || r.status == RequestStatus.ROUTED;
        Route wanted = r.guarantorCode != null ? Route.BANKS : CashFlowGrading.routeOf(r.grade);
        if (unclaimed && r.overrideReason == null && (wanted != r.route || r.status == RequestStatus.REVIEW)) {
            routeByGrade(r, now);
        }
        return access.view(r);
    }

    /** An ADMIN sends a POOR request to banks or guarantors anyway, with a reason. */
    @Transactional
    public RequestView override(long id, Route leg, String reason) {
        currentUser.require(Action.FINANCING_OVERRIDE);
        if (leg == null || leg == Route.NONE) {
            throw ProblemException.invalid("route", "BANKS or GUARANTORS");
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "an override needs a reason");
        }
        FinancingRequest r = access.visible(id, true);
        r.overrideReview(leg, reason.strip(), clock.instant(), config.pickupWindow());
        em.flush();
        List<String> to = products.route(r, leg, true);
        access.step(r.id, "ROUTED", null, leg + " (override) → " + String.join(",", to));
        audit.record("FINANCING_OVERRIDE", "financing_request", String.valueOf(r.id), leg + " → " + to, reason.strip());
        return access.view(r);
    }

    @Transactional
    public RequestView withdraw(long id, String reason) {
        currentUser.require(Action.FINANCING_WITHDRAW);
        FinancingRequest r = access.ownedBySeller(id);
        r.withdraw();
        em.createNativeQuery("update financing_offers set status = 'CLOSED' where request_id = ?1 and status = 'OPEN'")
                .setParameter(1, id).executeUpdate();
        access.step(r.id, "WITHDRAWN", null, reason);
        audit.record("FINANCING_WITHDRAWN", "financing_request", String.valueOf(r.id), null, reason);
        return access.view(r);
    }

    @Transactional
    public RequestView get(long id) {
        currentUser.require(Action.FINANCING_READ);
        return access.view(access.visible(id, false));
    }

    /**
     * What the caller may see, newest first: the park everything of its park (the region all), a firm its own requests (as seller
     * or debtor), an institution the requests routed to it. One statement per page (rows and total);
     * the institution queue is one range of its partial index, counted without reading the requests.
     */
    public PageResult<RequestView> list(RequestStatus filter, PageRequest page) {
        currentUser.require(Action.FINANCING_READ);
        RequestStatus status = filter;
        List<Object> params = new ArrayList<>();
        List<Object> routedParams = new ArrayList<>();
        String from;
        String where;
        String countFrom;
        String routed = FinancingRows.NO_ROUTES;
        String order = "r.id desc";
        if (access.isPark()) {
            from = countFrom = "financing_requests r";
            Integer park = currentUser.parks().sqlParam();
            if (park == null) {
                where = "true";
            } else {
                // a request belongs to its seller's park (DOMAIN.md §10.3)
                where = "exists (select 1 from enterprises e where e.uscc = r.seller_uscc and e.park_id = ?)";
                params.add(park);
            }
            routed = FinancingRows.ROUTED;
        } else if (currentUser.has(Role.ENTERPRISE)) {
            String own = currentUser.uscc();
            from = countFrom = "financing_requests r";
            where = "(r.seller_uscc = ? or r.debtor_uscc = ?)";
            params.add(own);
            params.add(own);
            // the routing is the seller's to see, not the debtor's
            routed = "case when r.seller_uscc = ? then " + FinancingRows.ROUTED + " end";
            routedParams.add(own);
        } else if (access.isInstitution() && status == RequestStatus.ROUTED) {
            // the queue: one range of the queue's key, its total reused for a moment (FinancingConfig)
            return rows.queue(currentUser.institutionCode(), page);
        } else if (access.isInstitution()) {
            from = countFrom = "financing_routes rt join financing_requests r on r.id = rt.request_id";
            // a request re-routed to another leg leaves the queue of the first leg while unclaimed
            where = "rt.institution_code = ? and (r.status <> 'ROUTED' or rt.leg = r.route)";
            params.add(currentUser.institutionCode());
            order = "rt.request_id desc";
        } else {
            throw ProblemException.forbidden("your role does not read financing requests");
        }
        if (status != null) {
            where += " and r.status = ?";
            params.add(status.name());
        }
        return rows.page(from, where, countFrom, order, routed, routedParams, params, page);
    }

    /** EXCELLENT → banks, MIXED → guarantors (banks once guaranteed), POOR → the park's review. */
    private void routeByGrade(FinancingRequest r, Instant now) {
        Route leg = r.guarantorCode != null ? Route.BANKS : CashFlowGrading.routeOf(r.grade);
        if (leg == Route.NONE) {
            r.holdForReview();
            return;
        }
        r.routeTo(leg, now, config.pickupWindow());
        em.flush();
        List<String> to = products.route(r, leg, false);
        access.step(r.id, "ROUTED", null, leg + " → " + String.join(",", to));
    }

    Optional<Long> openRequestFor(String debtor, String invoiceNo) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                select id from financing_requests where debtor_uscc = ?1 and invoice_no = ?2
                and status not in ('REJECTED', 'WITHDRAWN')""").setParameter(1, debtor).setParameter(2, invoiceNo)
                .getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    private static ProblemException duplicate(FinancingInput.Checked in) {
        return ProblemException.conflict("duplicate-receivable", "invoice " + in.invoiceNo() + " of debtor "
                + in.debtorUscc() + " already backs an open financing request", "invoice", in.invoiceNo());
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
