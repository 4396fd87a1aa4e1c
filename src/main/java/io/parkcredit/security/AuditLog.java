package io.parkcredit.security;

import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes and reads the audit log. Entries join the caller's transaction, so a change and its
 * audit line commit or roll back together.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    CurrentUser currentUser;

    @Inject
    Clock clock;

    /** Audit line view on the wire and on the page. */
    public record Line(long id, Instant at, String actor, String action, String targetType, String targetKey,
            String detail, String reason) {
    }

    /** Who is acting: the signed-in user, or {@code system} outside a request. */
    public String actor() {
        return currentUser.name();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String targetType, String targetKey, String detail, String reason) {
        recordAs(currentUser.name(), action, targetType, targetKey, detail, reason);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAs(String actor, String action, String targetType, String targetKey, String detail,
            String reason) {
        AuditEntry e = new AuditEntry();
        e.at = clock.instant();
        e.actor = actor;
        e.action = action;
        e.targetType = targetType;
        e.targetKey = targetKey;
        e.detail = detail;
        e.reason = reason;
        e.persist();
    }

    @Transactional
    public PageResult<Line> search(String actor, String targetType, String targetKey, PageRequest page) {
        currentUser.require(Action.AUDIT_READ);
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        Integer park = currentUser.parks().sqlParam();
        if (park != null) {
            // a park's ADMIN reads what its park's users did (DOMAIN.md §10.3)
            q.append(" and actor in (select u.username from User u where u.parkId = :park)");
            params.put("park", park);
        }
        if (actor != null && !actor.isBlank()) {
            q.append(" and actor = :actor");
            params.put("actor", actor.strip());
        }
        if (targetType != null && !targetType.isBlank()) {
            q.append(" and targetType = :type");
            params.put("type", targetType.strip());
        }
        if (targetKey != null && !targetKey.isBlank()) {
            q.append(" and targetKey = :key");
            params.put("key", targetKey.strip());
        }
        var query = AuditEntry.<AuditEntry>find(q.toString(), Sort.descending("id"), params);
        long total = query.count();
        var items = query.page(Page.of(page.page(), page.size())).list().stream()
                .map(e -> new Line(e.id, e.at, e.actor, e.action, e.targetType, e.targetKey, e.detail, e.reason))
                .toList();
        return new PageResult<>(items, page.page(), page.size(), total);
    }
}
