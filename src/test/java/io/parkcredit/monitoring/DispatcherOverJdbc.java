package io.parkcredit.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The server's own {@link SmsDispatcher} code (its claim, cap counters and record statements) run
 * straight over JDBC outside the server, with a sender that takes every message at once: what the
 * dispatcher's SQL can do when no HTTP, no provider and no other work share the database. Used by
 * the monitoring load run as the dispatcher half of its ceiling.
 */
public final class DispatcherOverJdbc implements AutoCloseable {

    private final SmsDispatcher dispatcher = new SmsDispatcher();
    private final List<Connection> opened = new ArrayList<>();
    private final ThreadLocal<Connection> perThread;
    private final int batch;

    public DispatcherOverJdbc(String url, String user, String password, int threads, int batch) {
        this.batch = batch;
        this.perThread = ThreadLocal.withInitial(() -> {
            try {
                Connection c = DriverManager.getConnection(url, user, password);
                synchronized (opened) {
                    opened.add(c);
                }
                return c;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        dispatcher.dataSource = dataSource();
        dispatcher.clock = Clock.systemUTC();
        dispatcher.json = new ObjectMapper();
        dispatcher.config = config(threads, batch);
    }

    /** One round over the due messages; the number of messages sent. */
    public int round() {
        SmsDispatcher.Round r = dispatcher.dispatch(Instant.now(), new SmsSender() {
            @Override
            public String name() {
                return "http";
            }

            @Override
            public Outcome send(Message m) {
                return Outcome.sent("GW-" + m.id());
            }

            @Override
            public int batchLimit() {
                return 100;
            }

            @Override
            public Outcome[] sendAll(List<Message> messages) {
                Outcome[] out = new Outcome[messages.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Outcome.sent("GW-" + messages.get(i).id());
                }
                return out;
            }
        }, new DispatchPolicy(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 100_000_000, 8, Duration.ofSeconds(10),
                Duration.ofHours(1)), batch);
        return r.sent();
    }

    /** Connections that stay open per thread: {@code close()} hands them back instead of closing. */
    private DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        Connection real = perThread.get();
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> {
                                    if (m.getName().equals("close")) {
                                        return null;
                                    }
                                    try {
                                        return m.invoke(real, a);
                                    } catch (InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                                });
                    }
                    return switch (method.getName()) {
                        case "getLogWriter" -> new PrintWriter(System.out);
                        case "getLoginTimeout" -> 0;
                        case "getParentLogger" -> Logger.getGlobal();
                        default -> null;
                    };
                });
    }

    private static MonitoringConfig config(int threads, int batch) {
        Object sms = Proxy.newProxyInstance(MonitoringConfig.class.getClassLoader(), new Class<?>[] {MonitoringConfig.Sms.class},
                (p, m, a) -> switch (m.getName()) {
                    case "threads" -> threads;
                    case "batchSize" -> batch;
                    case "lease" -> Duration.ofMinutes(1);
                    case "dispatch" -> true;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (MonitoringConfig) Proxy.newProxyInstance(MonitoringConfig.class.getClassLoader(),
                new Class<?>[] {MonitoringConfig.class}, (p, m, a) -> {
                    if (m.getName().equals("sms")) {
                        return sms;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Override
    public void close() {
        dispatcher.stop(null);
        synchronized (opened) {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
