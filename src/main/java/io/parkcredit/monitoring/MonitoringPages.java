package io.parkcredit.monitoring;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import io.parkcredit.monitoring.MonitoringViews.AlertView;
import io.parkcredit.monitoring.MonitoringViews.RuleView;
import io.parkcredit.monitoring.MonitoringViews.SmsView;
import io.parkcredit.monitoring.MonitoringViews.SubscriptionView;
import io.parkcredit.monitoring.MonitoringViews.Timeline;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Role;
import io.parkcredit.shared.Formats;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.Pager;
import io.parkcredit.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The monitoring pages (DOMAIN.md §6): the alert inbox with filters and acknowledgement, a firm's
 * timeline, the SMS log, the alert rules editor and institutions' subscriptions. Thin: every
 * decision is {@link MonitoringService}'s.
 */
@Path("/monitoring")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class MonitoringPages {

    private static final int PAGE_SIZE = 30;

    @CheckedTemplate(basePath = "monitoring")
    static class Templates {
        static native TemplateInstance inbox(PageResult<AlertView> result, Pager pager, InboxQuery query, boolean admin);

        static native TemplateInstance sms(PageResult<SmsView> result, Pager pager, SmsQuery query);

        static native TemplateInstance timeline(Timeline timeline);

        static native TemplateInstance rules(List<RuleView> rules, String error, Long saved, boolean admin);

        static native TemplateInstance subscriptions(List<SubscriptionView> subscriptions, String error);
    }

    /** The inbox filters as typed, echoed into the form and the paging links. */
    public record InboxQuery(String uscc, String level, String open) {
        String link(int page) {
            return "/monitoring?uscc=" + Formats.url(uscc) + "&level=" + Formats.url(level) + "&open=" + Formats.url(open)
                    + "&page=" + page;
        }
    }

    public record SmsQuery(String mobile, String status) {
        String link(int page) {
            return "/monitoring/sms?mobile=" + Formats.url(mobile) + "&status=" + Formats.url(status) + "&page=" + page;
        }
    }

    @Inject
    MonitoringService monitoring;

    @Inject
    PageContext page;

    @Inject
    io.parkcredit.security.CurrentUser currentUser;

    @GET
    @Performs(Action.ALERTS_READ)
    public TemplateInstance inbox(@QueryParam("uscc") String uscc, @QueryParam("level") String level,
            @QueryParam("open") String open, @QueryParam("page") Integer pageNo) {
        String lv = blank(level) ? null : level.strip().toUpperCase(Locale.ROOT);
        if (lv != null && !MonitoringService.LEVELS.contains(lv)) {
            throw ProblemException.invalid("level", "INFO, WARNING or CRITICAL");
        }
        Boolean openOnly = blank(open) ? null : Boolean.valueOf(open.strip());
        InboxQuery q = new InboxQuery(uscc, lv, open);
        PageResult<AlertView> result = monitoring.alerts(new MonitoringService.AlertFilter(uscc, lv, openOnly, null),
                PageRequest.of(pageNo, PAGE_SIZE));
        return page.render(Templates.inbox(result, Pager.of(result, q::link), q, currentUser.has(Role.ADMIN)));
    }

    @POST
    @Path("/alerts/{id}/acknowledgement")
    @RolesAllowed(Role.ADMIN_)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.ALERT_ACKNOWLEDGE)
    public Response acknowledge(@PathParam("id") long id, @FormParam("note") String note) {
        monitoring.acknowledge(id, note);
        return Response.seeOther(URI.create("/monitoring")).build();
    }

    @GET
    @Path("/sms")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.SMS_READ)
    public TemplateInstance sms(@QueryParam("mobile") String mobile, @QueryParam("status") String status,
            @QueryParam("page") Integer pageNo) {
        String st = blank(status) ? null : status.strip().toUpperCase(Locale.ROOT);
        if (st != null && !MonitoringService.STATUSES.contains(st)) {
            throw ProblemException.invalid("status", "one of " + MonitoringService.STATUSES);
        }
        SmsQuery q = new SmsQuery(mobile, st);
        PageResult<SmsView> result = monitoring.sms(mobile, st, null, PageRequest.of(pageNo, PAGE_SIZE));
        return page.render(Templates.sms(result, Pager.of(result, q::link), q));
    }

    @GET
    @Path("/firms/{uscc}")
    @Performs(Action.MONITORING_TIMELINE)
    public TemplateInstance timeline(@PathParam("uscc") String uscc) {
        return page.render(Templates.timeline(monitoring.timeline(uscc)));
    }

    @GET
    @Path("/rules")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.MONITORING_RULES_READ)
    public TemplateInstance rules(@QueryParam("saved") Long saved) {
        return page.render(Templates.rules(monitoring.rules(), null, saved, currentUser.has(Role.ADMIN)));
    }

    /** An edited rule; a refusal shows on the page with its reason (422 / 409). */
    @POST
    @Path("/rules/{id}")
    @RolesAllowed(Role.ADMIN_)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.MONITORING_RULES_CHANGE)
    public Response saveRule(@PathParam("id") long id, @FormParam("eventType") String eventType,
            @FormParam("severity") String severity, @FormParam("level") String level,
            @FormParam("notifyFirm") String notifyFirm, @FormParam("notifyOfficers") String notifyOfficers,
            @FormParam("notifyInstitutions") String notifyInstitutions, @FormParam("sms") String sms,
            @FormParam("templateCode") String templateCode, @FormParam("template") String template,
            @FormParam("enabled") String enabled, @FormParam("version") Long version, @FormParam("reason") String reason) {
        try {
            monitoring.saveRule(id, new MonitoringService.RuleInput(eventType, severity, level, notifyFirm != null,
                    notifyOfficers != null, notifyInstitutions != null, sms != null, templateCode, template, enabled != null,
                    version, reason));
            return Response.seeOther(URI.create("/monitoring/rules?saved=" + id)).build();
        } catch (ProblemException e) {
            if (e.status() != 422 && e.status() != 409) {
                throw e;
            }
            return Response.status(e.status()).entity(page.render(Templates.rules(monitoring.rules(), describe(e), null, true)))
                    .build();
        }
    }

    @GET
    @Path("/subscriptions")
    @RolesAllowed({Role.ADMIN_, Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.MONITORING_SUBSCRIPTIONS)
    public TemplateInstance subscriptions() {
        return page.render(Templates.subscriptions(monitoring.subscriptions(), null));
    }

    @POST
    @Path("/subscriptions/{code}")
    @RolesAllowed({Role.ADMIN_, Role.BANK_, Role.GUARANTOR_})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.MONITORING_SUBSCRIPTIONS)
    public Response subscribe(@PathParam("code") String code, @FormParam("mobile") String mobile,
            @FormParam("minLevel") String minLevel, @FormParam("smsEnabled") String smsEnabled) {
        try {
            monitoring.subscribe(code, new MonitoringService.SubscriptionInput(mobile, minLevel, smsEnabled != null));
            return Response.seeOther(URI.create("/monitoring/subscriptions")).build();
        } catch (ProblemException e) {
            if (e.status() != 422) {
                throw e;
            }
            return Response.status(422).entity(page.render(Templates.subscriptions(monitoring.subscriptions(), describe(e))))
                    .build();
        }
    }

    /** The problem with each field's reason, for the page. */
    private static String describe(ProblemException e) {
        StringBuilder sb = new StringBuilder(e.getMessage());
        e.errors().forEach(f -> sb.append("; ").append(f.field()).append(": ").append(f.message()));
        return sb.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
