package io.parkcredit.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/** Benchmark variants given on the command line without a rebuild. */
final class BenchProperties {

    private BenchProperties() {
    }

    /**
     * The pairs of a system property written {@code name=value,name=value} (for example
     * {@code -Dbench.serverEnv=QUARKUS_THREAD_POOL_MAX_THREADS=48}), in their order; empty when unset.
     */
    static Map<String, String> pairs(String property) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : System.getProperty(property, "").split(",")) {
            if (kv.contains("=")) {
                m.put(kv.substring(0, kv.indexOf('=')).strip(), kv.substring(kv.indexOf('=') + 1).strip());
            }
        }
        return m;
    }
}
