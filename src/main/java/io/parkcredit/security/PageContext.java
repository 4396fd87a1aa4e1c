package io.parkcredit.security;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * What every page needs besides its own data: the language chosen with the {@code lang} cookie
 * and the signed-in user the layout shows. Page resources pass their template through
 * {@link #render} so that both are set the same way everywhere.
 */
@RequestScoped
public class PageContext {

    /** Cookie holding the chosen page language, {@code zh-CN} (default) or {@code en}. */
    public static final String LANG_COOKIE = "lang";
    public static final Locale CHINESE = Locale.forLanguageTag("zh-CN");

    @Inject
    CurrentUser currentUser;

    @Inject
    RoutingContext request;

    /** Layout data: who is signed in, the language, and the page to come back to after a switch. */
    @TemplateData
    public record Chrome(String userName, Role role, boolean admin, String lang, String path, boolean region) {

        /** Whether the signed-in role may take an action of the rights table: the nav shows only such links. */
        public boolean may(String action) {
            return role != null && Action.valueOf(action).allows(role);
        }

        /** The park committee or the regulator: those who see every list and every run. */
        public boolean park() {
            return admin || role == Role.REGULATOR;
        }

        /** The investment officers and the committee: those who screen prospects. */
        public boolean screening() {
            return admin || role == Role.INVESTMENT;
        }

        /** The nav item to highlight. */
        public String section() {
            for (String s : new String[] {"/enterprises", "/admin/import", "/admin/audit", "/admin/users",
                    "/classification/published", "/classification", "/screening"}) {
                if (path.startsWith(s)) {
                    return s;
                }
            }
            return "";
        }
    }

    /** Sets the locale of the page's messages and gives the layout its data. */
    public TemplateInstance render(TemplateInstance page) {
        page.setLocale(locale());
        return page.data("chrome", chrome());
    }

    public Locale locale() {
        return "en".equals(lang()) ? Locale.ENGLISH : CHINESE;
    }

    String lang() {
        Cookie c = request.request().getCookie(LANG_COOKIE);
        return c != null && "en".equals(c.getValue()) ? "en" : "zh-CN";
    }

    Chrome chrome() {
        boolean signedIn = !currentUser.isAnonymous();
        boolean region = signedIn && (currentUser.has(Role.ADMIN) || currentUser.has(Role.REGULATOR))
                && currentUser.parks().regionWide();
        return new Chrome(signedIn ? currentUser.name() : null, signedIn ? currentUser.role() : null,
                signedIn && currentUser.has(Role.ADMIN), lang(), request.request().uri(), region);
    }

    /** A same-site path to return to; anything else (another host, a scheme) becomes the start page. */
    static String safeBack(String back) {
        if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\")) {
            return "/enterprises";
        }
        return back;
    }
}
