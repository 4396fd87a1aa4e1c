package io.parkcredit.security;

import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/audit")
@RolesAllowed(Role.ADMIN_)
@Tag(name = "Audit", description = "Who changed what, when and why")
public class AuditResource {

    @Inject
    AuditLog audit;

    @GET
    @Performs(Action.AUDIT_READ)
    public PageResult<AuditLog.Line> search(@QueryParam("actor") String actor, @QueryParam("targetType") String targetType,
            @QueryParam("targetKey") String targetKey, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return audit.search(actor, targetType, targetKey, PageRequest.of(page, size));
    }
}
