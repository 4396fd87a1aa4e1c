package io.parkcredit.shared;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Renders a {@link Reason} in the reader's language with a feature's message bundle: the message
 * named like the reason's code, its parameters bound by name, and {@code items} the rendered
 * items joined by the bundle's {@code itemSep} (or {@code <code>Sep} when the reason has its own;
 * an ASCII separator such as {@code ,} is followed by a space); {@code item0}…{@code item9} bind
 * one rendered item each, for a reason composed of other reasons.
 */
public final class Reasons {

    private static final Map<String, Method> METHODS = new ConcurrentHashMap<>();

    private Reasons() {
    }

    /** The reason's text, or {@code fallback} when there is none or the bundle does not know its code. */
    public static <T> String render(Class<T> bundle, Reason reason, Object locale, String fallback) {
        if (reason == null || method(bundle, reason.code()) == null) {
            return fallback;
        }
        return render(bundle, messages(bundle, locale), reason, fallback);
    }

    private static <T> String render(Class<T> bundle, T messages, Reason reason, String fallback) {
        Method m = method(bundle, reason.code());
        if (m == null) {
            return fallback;
        }
        Parameter[] ps = m.getParameters();
        Object[] args = new Object[ps.length];
        for (int i = 0; i < ps.length; i++) {
            String name = ps[i].getName();
            if (name.equals("items")) {
                Method sep = method(bundle, reason.code() + "Sep");
                String separator = call(sep != null ? sep : method(bundle, "itemSep"), messages).strip();
                if (separator.chars().allMatch(c -> c < 128)) {
                    separator = separator + " ";
                }
                args[i] = reason.items().stream().map(item -> render(bundle, messages, item, item.code()))
                        .collect(Collectors.joining(separator));
            } else if (name.matches("item[0-9]")) {
                int n = name.charAt(4) - '0';
                args[i] = n < reason.items().size()
                        ? render(bundle, messages, reason.items().get(n), reason.items().get(n).code()) : null;
            } else {
                args[i] = reason.params().get(name);
            }
        }
        return call(m, messages, args);
    }

    /** The bundle in the language of a template's {@code locale} attribute: English or the Chinese default. */
    public static <T> T messages(Class<T> bundle, Object locale) {
        boolean english = locale instanceof Locale l ? "en".equals(l.getLanguage())
                : locale != null && locale.toString().startsWith("en");
        return english ? MessageBundles.get(bundle, Localized.Literal.of("en")) : MessageBundles.get(bundle);
    }

    private static Method method(Class<?> bundle, String name) {
        Method m = METHODS.computeIfAbsent(bundle.getName() + "#" + name, k -> {
            for (Method candidate : bundle.getMethods()) {
                if (candidate.getName().equals(name) && candidate.getReturnType() == String.class
                        && java.util.Arrays.stream(candidate.getParameterTypes()).allMatch(t -> t == String.class)) {
                    return candidate;
                }
            }
            return NONE;
        });
        return m == NONE ? null : m;
    }

    private static String call(Method m, Object target, Object... args) {
        try {
            return (String) m.invoke(target, args);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("message " + m.getName() + " cannot be rendered", e);
        }
    }

    private static final Method NONE;

    static {
        try {
            NONE = Object.class.getMethod("toString");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
