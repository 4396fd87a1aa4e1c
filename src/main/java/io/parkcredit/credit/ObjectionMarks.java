package io.parkcredit.credit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which items have an objection being handled (异议处理中, DOMAIN.md §8.2). An objection freezes
 * nothing, but every page and API view that shows the item marks it: the portrait's events, loans
 * and statements, the list result, the rating application, the financing factor. One query for all
 * the firms a view shows; the marks are then looked up by item.
 */
@ApplicationScoped
public class ObjectionMarks {

    /** The items a firm's list result or rating is computed from (§4, §5): an objection to one marks the result. */
    public static final List<String> FEEDING = List.of("CREDIT_EVENT", "LOAN", "FINANCIAL_STATEMENT");

    @Inject
    EntityManager em;

    /** The open objections of some firms, by item. */
    public static final class Marks {

        static final Marks NONE = new Marks(Set.of(), Map.of());

        private final Set<String> items;
        private final Map<String, Set<String>> typesByFirm;

        Marks(Set<String> items, Map<String, Set<String>> typesByFirm) {
            this.items = items;
            this.typesByFirm = typesByFirm;
        }

        /** Whether this item ({@code itemType} and {@code itemRef} as API.md names them) is under objection. */
        public boolean has(String itemType, String itemRef) {
            return items.contains(itemType + " " + itemRef);
        }

        /** Whether the firm has an item of one of these types under objection. */
        public boolean anyOf(String uscc, Collection<String> itemTypes) {
            Set<String> types = typesByFirm.get(uscc);
            return types != null && itemTypes.stream().anyMatch(types::contains);
        }

        /** Whether the firm has any item under objection. */
        public boolean any(String uscc) {
            return typesByFirm.containsKey(uscc);
        }
    }

    /** The open objections of these firms (of any of their items), one query. */
    @Transactional
    public Marks forFirms(Collection<String> usccs) {
        if (usccs.isEmpty()) {
            return Marks.NONE;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select uscc, item_type, item_ref from credit_objections"
                + " where status in ('SUBMITTED', 'VERIFYING') and uscc = any(cast(?1 as text[]))")
                .setParameter(1, usccs.stream().distinct().toArray(String[]::new)).getResultList();
        Set<String> items = new HashSet<>();
        Map<String, Set<String>> byFirm = new HashMap<>();
        for (Object[] r : rows) {
            String uscc = ((String) r[0]).strip();
            items.add(r[1] + " " + r[2]);
            byFirm.computeIfAbsent(uscc, k -> new HashSet<>()).add((String) r[1]);
        }
        return new Marks(items, byFirm);
    }

    /** The open objections of one firm. */
    @Transactional
    public Marks forFirm(String uscc) {
        return forFirms(List.of(uscc));
    }
}
