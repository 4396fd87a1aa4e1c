package io.parkcredit.shared.db;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Connections for the heavy read paths that may lag the primary by a few seconds (region-wide
 * comparisons and reports): from a read-only replica of the database when
 * {@code parkcredit.datasource.read-replica.jdbc-url} is set (e.g. CloudNativePG's {@code -ro}
 * service, deploy/k8s), else from the primary's pool. Nothing that decides or writes reads here:
 * claims, offers, lists, ratings and every check before a change read the primary. Replica
 * connections are read-only; a write through one fails in the database.
 */
@ApplicationScoped
public class ReadReplica {

    private static final Logger LOG = Logger.getLogger(ReadReplica.class);

    @Inject
    AgroalDataSource primary;

    @ConfigProperty(name = "parkcredit.datasource.read-replica.jdbc-url")
    Optional<String> url;

    /** Defaults to the primary's user and password (CloudNativePG serves both with the same roles). */
    @ConfigProperty(name = "parkcredit.datasource.read-replica.username")
    Optional<String> username;

    @ConfigProperty(name = "parkcredit.datasource.read-replica.password")
    Optional<String> password;

    @ConfigProperty(name = "parkcredit.datasource.read-replica.max-size", defaultValue = "10")
    int maxSize;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> primaryUsername;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> primaryPassword;

    private volatile AgroalDataSource replica;

    void start(@Observes StartupEvent event) throws SQLException {
        if (url.isEmpty() || url.get().isBlank()) {
            return;
        }
        replica = open(url.get().strip(), username.or(() -> primaryUsername).orElse(null),
                password.or(() -> primaryPassword).orElse(null), Math.max(1, Math.min(maxSize, 100)));
        LOG.infof("heavy read paths use the read replica at %s", url.get().replaceAll("password=[^&]*", "password=***"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (replica != null) {
            replica.close();
        }
    }

    /** Whether a replica is configured (reads below go to it). */
    public boolean configured() {
        return replica != null;
    }

    /** A connection for a heavy read that may lag: the replica's (read-only) or the primary's. */
    public Connection forHeavyRead() throws SQLException {
        AgroalDataSource r = replica;
        return r != null ? r.getConnection() : primary.getConnection();
    }

    /** A read-only pool on {@code jdbcUrl}; public for the operators' check in tests. */
    public static AgroalDataSource open(String jdbcUrl, String user, String pass, int size) throws SQLException {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(size).minSize(0)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .connectionFactoryConfiguration(cf -> {
                            // read-only even in autocommit (pgjdbc's default mode applies it only inside transactions)
                            cf.jdbcUrl(jdbcUrl).readOnly(true).autoCommit(true).jdbcProperty("readOnlyMode", "always");
                            if (user != null) {
                                cf.principal(new NamePrincipal(user));
                            }
                            if (pass != null) {
                                cf.credential(new SimplePassword(pass));
                            }
                            return cf;
                        }));
        return AgroalDataSource.from(config);
    }
}
