package io.parkcredit.bundle;

import java.util.Set;

/**
 * One column of a bundle file: its name (as in the CSV header and the table), how it is parsed,
 * whether a blank is allowed, the value a blank takes, and the longest text it may hold.
 */
record BundleColumn(String name, ColumnKind kind, boolean required, String blankDefault, int maxLength,
        Set<String> values) {

    static BundleColumn required(String name, ColumnKind kind) {
        return new BundleColumn(name, kind, true, null, 0, Set.of());
    }

    static BundleColumn optional(String name, ColumnKind kind) {
        return new BundleColumn(name, kind, false, null, 0, Set.of());
    }

    static BundleColumn text(String name, boolean required, int maxLength) {
        return new BundleColumn(name, ColumnKind.TEXT, required, null, maxLength, Set.of());
    }

    static BundleColumn oneOf(String name, boolean required, String blankDefault, Set<String> values) {
        return new BundleColumn(name, ColumnKind.ENUM, required, blankDefault, 0, values);
    }

    BundleColumn withDefault(String value) {
        return new BundleColumn(name, kind, required, value, maxLength, values);
    }
}
