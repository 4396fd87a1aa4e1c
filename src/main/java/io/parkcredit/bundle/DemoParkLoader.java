package io.parkcredit.bundle;

import io.parkcredit.security.Role;
import io.parkcredit.security.StartupActor;
import io.parkcredit.security.StartupActor.Actor;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads a generated demo park through the ordinary bundle import, so a new installation shows a
 * populated system: on first start when {@code parkcredit.demo.firms} &gt; 0 and the registry is
 * empty (then {@link DemoStory} also takes the park through every workflow and creates the demo
 * users), or on demand from the import page (the registry only).
 */
@ApplicationScoped
public class DemoParkLoader {

    private static final Logger LOG = Logger.getLogger(DemoParkLoader.class);
    /** Largest demo park the page offers; bigger parks come from the demo-bundle command. */
    public static final int MAX_FIRMS = 20_000;

    /** Firms of the demo park loaded into an empty registry at start-up; 0 = none (env PARKCREDIT_DEMO_FIRMS). */
    @ConfigProperty(name = "parkcredit.demo.firms", defaultValue = "0")
    int firmsAtStart;

    @Inject
    BundleImporter importer;

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    DemoStory story;

    @Inject
    StartupActor actors;

    /** Runs after the other start-up observers: the story needs the seeded rating model, rules and ADMIN. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent ev) {
        if (firmsAtStart > 0 && registryEmpty()) {
            LOG.infof("loading a demo park of %d firms into the empty registry", firmsAtStart);
            LocalDate today = LocalDate.now(clock);
            tellStory(today);
        }
    }

    /**
     * Walks the loaded park through every workflow (ratings, lists, financing, monitoring,
     * screening) and creates the demo users. It runs on a thread of its own, outside any request
     * context, because its steps are taken as named actors (security.StartupActor); start-up waits
     * for it. A failure leaves the registry loaded and is logged.
     */
    private void tellStory(LocalDate today) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-story"));
        try {
            thread.submit(() -> {
                // the import is an ADMIN action like any other: taken by the start-up's own actor
                actors.run(Actor.of("system", Role.ADMIN), () -> load(firmsAtStart, "system"));
                story.tell(today, DemoPark.Settings.demo(firmsAtStart, today).seed());
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("loading the demo park or telling its story failed", e.getCause());
        } finally {
            thread.shutdown();
        }
    }

    /** Generates a demo park of {@code firms} firms as of today and imports it. */
    public ImportResult load(int firms, String actor) {
        if (firms < 1 || firms > MAX_FIRMS) {
            throw io.parkcredit.shared.ProblemException.invalid("firms", "between 1 and " + MAX_FIRMS);
        }
        DemoPark park = new DemoPark(DemoPark.Settings.demo(firms, LocalDate.now(clock)));
        return importer.importWritten(park::writeZip, false, actor);
    }

    private boolean registryEmpty() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select not exists (select 1 from enterprises)")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
