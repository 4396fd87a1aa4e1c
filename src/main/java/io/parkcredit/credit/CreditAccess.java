package io.parkcredit.credit;

import io.parkcredit.enterprise.Uscc;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.ProblemException;

/** Ownership for §8: an ENTERPRISE user acts for its own firm only; the park for any. */
final class CreditAccess {

    private CreditAccess() {
    }

    /** The checked USCC the caller acts for: a firm's user may leave it out (its own) but not name another. */
    static String firm(CurrentUser user, String uscc) {
        String own = user.has(Role.ENTERPRISE) ? user.uscc() : null;
        if ((uscc == null || uscc.isBlank()) && own != null) {
            return own;
        }
        String value;
        try {
            value = Uscc.parse(uscc).value();
        } catch (InvalidValueException e) {
            throw ProblemException.invalid("uscc", e.getMessage());
        }
        if (user.has(Role.ENTERPRISE) && !value.equals(own)) {
            throw ProblemException.forbidden("a firm acts only for its own USCC");
        }
        return value;
    }

    /**
     * 404 unless the firm belongs to the caller's park (DOMAIN.md §10.3): outside one's park a firm and
     * its items are as if they did not exist. No query for a region-wide caller.
     */
    static void requireInPark(CurrentUser user, jakarta.persistence.EntityManager em, String uscc, String what,
            String key) {
        Integer park = user.parks().sqlParam();
        if (park == null) {
            return;
        }
        Object[] row = CreditSql.single(em.createNativeQuery("select park_id from enterprises where uscc = ?1")
                .setParameter(1, uscc));
        if (row == null || ((Number) row[0]).intValue() != park) {
            throw ProblemException.notFound(what, key);
        }
    }

    /** A list filter keeping the rows of the caller's park's firms: empty for a region-wide caller. */
    static String inPark(CurrentUser user, String usccColumn) {
        Integer park = user.parks().sqlParam();
        return park == null ? ""
                : " and " + usccColumn + " in (select pf.uscc from enterprises pf where pf.park_id = " + park.intValue() + ")";
    }

    /** 403 unless the caller may see this firm's §8 items. */
    static void requireOwn(CurrentUser user, String uscc) {
        if (user.has(Role.ENTERPRISE) && !uscc.equals(user.uscc())) {
            throw ProblemException.forbidden("a firm sees only its own commitments, objections and repairs");
        }
    }
}
