package io.parkcredit.monitoring;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import com.fasterxml.jackson.databind.JsonNode;
import io.parkcredit.monitoring.MonitoringViews.AlertView;
import io.parkcredit.monitoring.MonitoringViews.AttemptView;
import io.parkcredit.monitoring.MonitoringViews.RuleView;
import io.parkcredit.monitoring.MonitoringViews.SmsView;
import io.parkcredit.monitoring.MonitoringViews.SubscriptionView;
import io.parkcredit.monitoring.MonitoringViews.Timeline;
import io.parkcredit.security.Role;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api")
@Authenticated
@Tag(name = "Monitoring", description = "Credit event intake, alerts, reminders and SMS (DOMAIN.md §6)")
public class MonitoringResource {

    @Inject
    EventIntake intake;

    @Inject
    MonitoringService monitoring;

    @Inject
    IntakeAdmission admission;

    @Inject
    ReminderScan scan;

    @Inject
    Clock clock;

    @POST
    @Path("/credit-events")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Store one credit event or an array (credit_events.csv fields); new negative events raise alerts and SMS")
    @Performs(Action.CREDIT_EVENT_REPORT)
    public Response credit(JsonNode body) {
        admission.await();
        return Response.status(201).entity(intake.accept(body)).build();
    }

    @GET
    @Path("/alerts")
    @Operation(summary = "Alerts the caller may see: park roles all, a firm its own, an institution those it was told of")
    @Performs(Action.ALERTS_READ)
    public PageResult<AlertView> alerts(@QueryParam("uscc") String uscc, @QueryParam("level") String level,
            @QueryParam("open") Boolean open, @QueryParam("kind") String kind, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return monitoring.alerts(new MonitoringService.AlertFilter(uscc, oneOf("level", level, MonitoringService.LEVELS),
                open, kind), PageRequest.of(page, size));
    }

    public record Acknowledgement(String note) {
    }

    @POST
    @Path("/alerts/{id}/acknowledgement")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.ALERT_ACKNOWLEDGE)
    public AlertView acknowledge(@PathParam("id") long id, Acknowledgement body) {
        return monitoring.acknowledge(id, body == null ? null : body.note());
    }

    @GET
    @Path("/sms")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "The SMS log: status, attempts and the reason a message was held, suppressed or failed")
    @Performs(Action.SMS_READ)
    public PageResult<SmsView> sms(@QueryParam("mobile") String mobile, @QueryParam("status") String status,
            @QueryParam("uscc") String uscc, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return monitoring.sms(mobile, oneOf("status", status, MonitoringService.STATUSES), uscc, PageRequest.of(page, size));
    }

    @GET
    @Path("/sms/{id}/attempts")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.SMS_READ)
    public List<AttemptView> attempts(@PathParam("id") long id) {
        return monitoring.attempts(id);
    }

    @GET
    @Path("/monitoring/firms/{uscc}")
    @Operation(summary = "A firm's monitoring timeline: alerts, reminders and (ADMIN) its messages")
    @Performs(Action.MONITORING_TIMELINE)
    public Timeline timeline(@PathParam("uscc") String uscc) {
        return monitoring.timeline(uscc);
    }

    @GET
    @Path("/monitoring/rules")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.MONITORING_RULES_READ)
    public List<RuleView> rules() {
        return monitoring.rules();
    }

    @POST
    @Path("/monitoring/rules")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.MONITORING_RULES_CHANGE)
    public Response createRule(MonitoringService.RuleInput in) {
        return Response.status(201).entity(monitoring.saveRule(null, required(in))).build();
    }

    @PUT
    @Path("/monitoring/rules/{id}")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.MONITORING_RULES_CHANGE)
    public RuleView changeRule(@PathParam("id") long id, MonitoringService.RuleInput in) {
        return monitoring.saveRule(id, required(in));
    }

    @GET
    @Path("/monitoring/subscriptions")
    @Performs(Action.MONITORING_SUBSCRIPTIONS)
    public List<SubscriptionView> subscriptions() {
        return monitoring.subscriptions();
    }

    @PUT
    @Path("/monitoring/subscriptions/{code}")
    @Performs(Action.MONITORING_SUBSCRIPTIONS)
    public SubscriptionView subscribe(@PathParam("code") String code, MonitoringService.SubscriptionInput in) {
        return monitoring.subscribe(code, in == null ? new MonitoringService.SubscriptionInput(null, null, null) : in);
    }

    @POST
    @Path("/monitoring/scans")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Run the reminder scans now (each reminder is raised once however often they run)")
    @Performs(Action.MONITORING_SCAN)
    public Map<String, Integer> runScan(@QueryParam("day") String day) {
        LocalDate d;
        try {
            d = day == null || day.isBlank() ? LocalDate.now(clock) : io.parkcredit.shared.ParkDates.parse(day);
        } catch (io.parkcredit.shared.InvalidValueException e) {
            throw ProblemException.invalid("day", e.getMessage());
        }
        return scan.scanNow(d);
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        return body;
    }

    private static String oneOf(String field, String value, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toUpperCase(java.util.Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ProblemException.invalid(field, "one of " + allowed);
        }
        return v;
    }
}
