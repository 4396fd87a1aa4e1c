package io.parkcredit.bundle;

import java.util.List;
import java.util.Optional;

/**
 * One file of data bundle v1 (DOMAIN.md §3): its name, the table it fills, its natural key, its
 * columns in the documented order, and whether its rows name a firm that must exist.
 */
record BundleFile(String name, String table, List<String> key, List<BundleColumn> columns,
        boolean referencesEnterprise, boolean hasUpdatedAt) {

    String fileName() {
        return name + ".csv";
    }

    Optional<BundleColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    int indexOf(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }

    String staging() {
        return "stg_" + table;
    }
}
