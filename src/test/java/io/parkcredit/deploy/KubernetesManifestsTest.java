package io.parkcredit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes manifests in deploy/k8s, checked without a cluster: every document parses, the
 * objects fit together (probes, ports, selectors, secret and config keys, autoscaler target), the
 * pod runs unprivileged, and every environment variable named is a setting the server really reads.
 */
class KubernetesManifestsTest {

    static final Path DIR = Path.of("deploy", "k8s");

    /** Quarkus datasource settings the operator gives and the application never names itself. */
    static final Set<String> OPERATOR_ONLY = Set.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");

    static List<Map<String, Object>> docs;
    static Set<String> known;

    @BeforeAll
    static void load() throws IOException {
        docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r)) {
                        if (doc != null) {
                            docs.add(map(doc));
                        }
                    }
                }
            }
        }
        known = knownSettings();
    }

    @Test
    void everyObjectTheDeploymentNeedsIsThere() {
        assertThat(docs).allSatisfy(d -> assertThat(d).containsKeys("apiVersion", "kind"));
        assertThat(docs.stream().map(d -> d.get("apiVersion") + "/" + d.get("kind")).toList())
                .containsExactlyInAnyOrder(
                        "postgresql.cnpg.io/v1/Cluster", "v1/Secret", "v1/ConfigMap", "v1/Secret",
                        "apps/v1/Deployment", "v1/Service", "policy/v1/PodDisruptionBudget",
                        "autoscaling/v2/HorizontalPodAutoscaler",
                        "kustomize.config.k8s.io/v1beta1/Kustomization");
        // the kustomization applies every file of the directory
        try (Stream<Path> files = Files.list(DIR)) {
            Set<String> all = new TreeSet<>(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList());
            assertThat(new TreeSet<>(strings(one("Kustomization").get("resources")))).isEqualTo(all);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void replicasProbesAndPorts() {
        Map<String, Object> deployment = one("Deployment");
        assertThat(num(at(deployment, "spec", "replicas"))).isGreaterThanOrEqualTo(2);
        Map<String, Object> c = container();
        assertThat(at(c, "readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
        assertThat(at(c, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
        assertThat(at(c, "startupProbe", "httpGet", "path")).isEqualTo("/q/health/started");
        // every probe and the Service reach the port the server listens on
        int port = 8080;
        assertThat(containerPort(c, at(c, "readinessProbe", "httpGet", "port"))).isEqualTo(port);
        assertThat(containerPort(c, at(c, "livenessProbe", "httpGet", "port"))).isEqualTo(port);
        assertThat(containerPort(c, at(c, "startupProbe", "httpGet", "port"))).isEqualTo(port);
        Map<String, Object> service = one("Service");
        List<Map<String, Object>> ports = maps(at(service, "spec", "ports"));
        assertThat(ports).hasSize(1);
        assertThat(containerPort(c, ports.get(0).get("targetPort"))).isEqualTo(port);
        assertThat(configMap("parkcredit-config")).containsEntry("QUARKUS_HTTP_PORT", String.valueOf(port));
        // the Service selects exactly the pods of the Deployment
        Map<String, Object> podLabels = map(at(deployment, "spec", "template", "metadata", "labels"));
        assertThat(map(at(service, "spec", "selector"))).isEqualTo(podLabels);
        assertThat(map(at(deployment, "spec", "selector", "matchLabels"))).isEqualTo(podLabels);
        // the packaged application, run as README "Run it" says
        assertThat(c.get("command")).isEqualTo(List.of("java"));
        List<String> args = strings(c.get("args"));
        assertThat(args.subList(args.size() - 2, args.size())).containsExactly("-jar", "quarkus-run.jar");
        assertThat(c.get("workingDir")).isEqualTo("/opt/parkcredit");
    }

    @Test
    void budgetAndAutoscalerFollowTheDeployment() {
        Map<String, Object> podLabels = map(at(one("Deployment"), "spec", "template", "metadata", "labels"));
        Map<String, Object> pdb = one("PodDisruptionBudget");
        assertThat(num(at(pdb, "spec", "minAvailable"))).isEqualTo(1);
        assertThat(map(at(pdb, "spec", "selector", "matchLabels"))).isEqualTo(podLabels);

        Map<String, Object> hpa = one("HorizontalPodAutoscaler");
        assertThat(map(at(hpa, "spec", "scaleTargetRef"))).isEqualTo(Map.of(
                "apiVersion", "apps/v1", "kind", "Deployment", "name", at(one("Deployment"), "metadata", "name")));
        assertThat(num(at(hpa, "spec", "minReplicas"))).isGreaterThanOrEqualTo(2);
        List<Map<String, Object>> metrics = maps(at(hpa, "spec", "metrics"));
        assertThat(metrics).hasSize(1);
        assertThat(at(metrics.get(0), "resource", "name")).isEqualTo("cpu");
        // every replica the autoscaler may start gets its connections: max replicas x pool < max_connections
        int pool = Integer.parseInt((String) configMap("parkcredit-config").get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"));
        int maxConnections = Integer.parseInt((String) at(one("Cluster"), "spec", "postgresql", "parameters", "max_connections"));
        assertThat(num(at(hpa, "spec", "maxReplicas")) * pool).isLessThan(maxConnections);
    }

    @Test
    void everySecretAndConfigKeyReadExists() {
        Map<String, Object> c = container();
        List<String> refs = new ArrayList<>();
        for (Map<String, Object> e : maps(c.get("env"))) {
            Object from = e.get("valueFrom");
            assertThat(e.containsKey("value") || from != null).as("env %s has a value", e.get("name")).isTrue();
            if (from == null) {
                continue;
            }
            Map<String, Object> ref = map(from);
            if (ref.containsKey("secretKeyRef")) {
                Map<String, Object> k = map(ref.get("secretKeyRef"));
                assertThat(secret((String) k.get("name"))).as("secret %s", k.get("name")).containsKey((String) k.get("key"));
                refs.add("secret " + k.get("name"));
            } else {
                Map<String, Object> k = map(ref.get("configMapKeyRef"));
                assertThat(configMap((String) k.get("name"))).as("config map %s", k.get("name")).containsKey((String) k.get("key"));
                refs.add("config " + k.get("name"));
            }
        }
        for (Map<String, Object> e : maps(c.get("envFrom"))) {
            Map<String, Object> ref = map(e.get("configMapRef"));
            assertThat(configMap((String) ref.get("name"))).isNotNull();
        }
        assertThat(refs).contains("secret parkcredit-secrets", "secret parkcredit-db-app");
        // the cluster's owner secret is the one the replicas sign in with
        assertThat(at(one("Cluster"), "spec", "bootstrap", "initdb", "secret", "name")).isEqualTo("parkcredit-db-app");
        assertThat(at(one("Cluster"), "spec", "bootstrap", "initdb", "owner")).isEqualTo(secret("parkcredit-db-app").get("username"));
    }

    @Test
    void secretsComeFromSecretsOnly() {
        Map<String, Map<String, Object>> env = envByName();
        for (String name : List.of("PARKCREDIT_SESSION_KEY", "PARKCREDIT_ADMIN_PASSWORD", "QUARKUS_DATASOURCE_PASSWORD",
                "PARKCREDIT_MONITORING_SMS_HTTP_SECRET", "PARKCREDIT_MONITORING_SMS_SMPP_PASSWORD")) {
            assertThat(env).as(name).containsKey(name);
            assertThat(map(env.get(name).get("valueFrom"))).as(name).containsOnlyKeys("secretKeyRef");
        }
        assertThat(at(env.get("PARKCREDIT_SESSION_KEY"), "valueFrom", "secretKeyRef", "name")).isEqualTo("parkcredit-secrets");
        // nothing secret sits in the config map
        assertThat(configMap("parkcredit-config").keySet())
                .noneMatch(k -> k.contains("PASSWORD") || k.contains("SECRET") || k.endsWith("_KEY"));
        // placeholders the server refuses at start, so an unfilled copy never runs
        assertThat(secret("parkcredit-secrets").get("PARKCREDIT_SESSION_KEY")).asString().startsWith("CHANGE_ME");
        assertThat(secret("parkcredit-secrets").get("PARKCREDIT_ADMIN_PASSWORD")).isEqualTo("CHANGE_ME");
        assertThat(secret("parkcredit-db-app").get("password")).isEqualTo("CHANGE_ME");
    }

    @Test
    void theExternalDatabaseIsAlwaysConfigured() {
        // with QUARKUS_DATASOURCE_JDBC_URL set the server never starts its embedded PostgreSQL
        // (EmbeddedDatabase.externalDatabaseConfigured); it points at the cluster's read-write service
        String cluster = (String) at(one("Cluster"), "metadata", "name");
        assertThat(configMap("parkcredit-config").get("QUARKUS_DATASOURCE_JDBC_URL"))
                .isEqualTo("jdbc:postgresql://" + cluster + "-rw:5432/"
                        + at(one("Cluster"), "spec", "bootstrap", "initdb", "database"));
        assertThat(num(at(one("Cluster"), "spec", "instances"))).isEqualTo(3);
    }

    @Test
    void thePodRunsUnprivilegedOnAReadOnlyRoot() {
        Map<String, Object> pod = map(at(one("Deployment"), "spec", "template", "spec"));
        assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(num(at(pod, "securityContext", "runAsUser"))).isGreaterThan(0);
        Map<String, Object> c = container();
        assertThat(at(c, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(c, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(strings(at(c, "securityContext", "capabilities", "drop"))).containsExactly("ALL");
        // the writable places are volumes: the temporary directory (uploads) and the data directory
        Map<String, String> mounts = new HashMap<>();
        for (Map<String, Object> m : maps(c.get("volumeMounts"))) {
            mounts.put((String) m.get("mountPath"), (String) m.get("name"));
        }
        assertThat(mounts).containsOnlyKeys("/tmp", (String) configMap("parkcredit-config").get("PARKCREDIT_DATA_DIR"));
        Set<String> volumes = new HashSet<>();
        for (Map<String, Object> v : maps(pod.get("volumes"))) {
            assertThat(v).containsKey("emptyDir");
            volumes.add((String) v.get("name"));
        }
        assertThat(volumes).containsExactlyInAnyOrderElementsOf(mounts.values());
        // resources requested and bounded
        assertThat(map(at(c, "resources", "requests"))).containsOnlyKeys("cpu", "memory");
        assertThat(map(at(c, "resources", "limits"))).containsKeys("cpu", "memory");
    }

    @Test
    void imagesArePinned() {
        String image = (String) container().get("image");
        assertThat(image).doesNotEndWith(":latest").matches(".+[:@][^/]+$");
        String db = (String) at(one("Cluster"), "spec", "imageName");
        assertThat(db).doesNotEndWith(":latest").matches(".+[:@][^/]+$");
    }

    @Test
    void everyVariableNamedIsASettingTheServerReads() {
        Set<String> named = new TreeSet<>(envByName().keySet());
        named.addAll(configMap("parkcredit-config").keySet());
        named.addAll(secret("parkcredit-secrets").keySet());
        assertThat(named).hasSizeGreaterThan(10);
        assertThat(named.stream().filter(n -> !known.contains(n)).toList()).as("unknown settings").isEmpty();
    }

    @Test
    void theSettingsCheckRefusesAMisspeltName() {
        // the check above would catch these: they are no setting of the server
        assertThat(known).contains("PARKCREDIT_SESSION_KEY", "PARKCREDIT_TRUSTED_PROXIES", "PARKCREDIT_DATA_DIR",
                "PARKCREDIT_ADMIN_PASSWORD", "PARKCREDIT_MONITORING_SMS_HTTP_SECRET", "QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
        assertThat(known).doesNotContain("PARKCREDIT_SESION_KEY", "PARKCREDIT_SESSION_KEYS", "PARKCREDIT_TRUSTED_PROXY",
                "QUARKUS_DATASOURCE_JDBC_MAXSIZE", "PARKCREDIT_MONITORING_SMS_HTTP_SECRETS");
        assertThat(envForm("quarkus.datasource.jdbc.max-size")).isEqualTo("QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
    }

    // --- the settings the server knows -------------------------------------------------------

    /**
     * application.properties (keys set, keys documented as comments, keys referenced as ${…}) and
     * the names the code reads directly (@ConfigProperty, System.getenv, System.getProperty), in
     * environment form, plus the operator's datasource credentials.
     */
    static Set<String> knownSettings() throws IOException {
        Set<String> keys = new TreeSet<>(OPERATOR_ONLY);
        Pattern assignment = Pattern.compile("^#?\\s*(?:%[a-z-]+\\.)?([a-z][a-zA-Z0-9.\"_-]*)\\s*=");
        Pattern reference = Pattern.compile("\\$\\{([a-z][a-z0-9.-]*)[:}]");
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            Matcher a = assignment.matcher(line.strip());
            if (a.find()) {
                keys.add(envForm(a.group(1)));
            }
            Matcher r = reference.matcher(line);
            while (r.find()) {
                keys.add(envForm(r.group(1)));
            }
        }
        Pattern inCode = Pattern.compile(
                "(?:@ConfigProperty\\(name\\s*=\\s*|System\\.getenv\\(|System\\.getProperty\\()\"([A-Za-z][A-Za-z0-9._-]*)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = inCode.matcher(Files.readString(f));
                while (m.find()) {
                    keys.add(envForm(m.group(1)));
                }
            }
        }
        return keys;
    }

    static String envForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    // --- reading the documents -------------------------------------------------------------

    static Map<String, Object> one(String kind) {
        List<Map<String, Object>> found = docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    static Map<String, Object> named(String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static Map<String, Object> configMap(String name) {
        return map(named("ConfigMap", name).get("data"));
    }

    static Map<String, Object> secret(String name) {
        Map<String, Object> s = named("Secret", name);
        Map<String, Object> all = new HashMap<>();
        if (s.get("data") != null) {
            all.putAll(map(s.get("data")));
        }
        if (s.get("stringData") != null) {
            all.putAll(map(s.get("stringData")));
        }
        return all;
    }

    static Map<String, Object> container() {
        List<Map<String, Object>> cs = maps(at(one("Deployment"), "spec", "template", "spec", "containers"));
        assertThat(cs).hasSize(1);
        return cs.get(0);
    }

    static Map<String, Map<String, Object>> envByName() {
        Map<String, Map<String, Object>> env = new HashMap<>();
        for (Map<String, Object> e : maps(container().get("env"))) {
            assertThat(env.put((String) e.get("name"), e)).as("env %s twice", e.get("name")).isNull();
        }
        return env;
    }

    /** The number of a container port given by number or by name. */
    static int containerPort(Map<String, Object> container, Object port) {
        for (Map<String, Object> p : maps(container.get("ports"))) {
            if (port.equals(p.get("name")) || port.equals(p.get("containerPort"))) {
                return num(p.get("containerPort"));
            }
        }
        throw new AssertionError("no container port " + port);
    }

    static Object at(Map<String, Object> m, String... path) {
        Object o = m;
        for (String p : path) {
            assertThat(o).as("%s in %s", p, String.join(".", path)).isInstanceOf(Map.class);
            o = map(o).get(p);
        }
        return o;
    }

    static int num(Object o) {
        assertThat(o).isInstanceOf(Integer.class);
        return (Integer) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<String>) o;
    }
}
