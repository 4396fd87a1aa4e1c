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

    /** 403 unless the caller may see this firm's §8 items. */
    static void requireOwn(CurrentUser user, String uscc) {
        if (user.has(Role.ENTERPRISE) && !uscc.equals(user.uscc())) {
            throw ProblemException.forbidden("a firm sees only its own commitments, objections and repairs");
        }
    }
}
