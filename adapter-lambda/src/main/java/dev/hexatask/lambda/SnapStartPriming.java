package dev.hexatask.lambda;

import com.zaxxer.hikari.HikariDataSource;
import dagger.Lazy;
import dev.hexatask.application.port.in.ListTasksUseCase;
import dev.hexatask.application.port.in.SummarizeTasksUseCase;
import dev.hexatask.application.port.in.TaskListRequest;
import dev.hexatask.application.port.out.Authenticator;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.RestApi;
import dev.hexatask.rest.json.Json;
import jakarta.inject.Inject;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * SnapStart's hooks. Before the snapshot: runs the request path once (routing, JSON, the JWT verifier with the
 * issuer's keys fetched, jOOQ's SQL rendering, PostgreSQL's driver) so that a restored instance finds it loaded and
 * warm, then closes every database connection: a socket frozen into a snapshot is dead when restored, and would be
 * shared by every instance restored from it. After the restore: lets the pool open connections again.
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    /** A user no token can name (a Cognito sub is a UUID): priming reads nothing of anyone's. */
    static final UserId PRIMING_USER = UserId.of("snapstart-priming");
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    // Hikari closes an evicted connection on its own thread, just after it leaves the pool's count.
    private static final Duration CLOSER_GRACE = Duration.ofMillis(100);

    /** How long priming waits for the threads that share its work. */
    private static final Duration HELPERS_WAIT = Duration.ofSeconds(10);

    private final Lazy<RestApi> api;
    private final Lazy<Authenticator> authenticator;
    private final Lazy<ListTasksUseCase> listTasks;
    private final Lazy<SummarizeTasksUseCase> summarizeTasks;
    private final Lazy<PostgresPersistence> persistence;
    private int minimumIdle = -1;

    @Inject
    public SnapStartPriming(Lazy<RestApi> api, Lazy<Authenticator> authenticator, Lazy<ListTasksUseCase> listTasks,
                            Lazy<SummarizeTasksUseCase> summarizeTasks, Lazy<PostgresPersistence> persistence) {
        this.api = api;
        this.authenticator = authenticator;
        this.listTasks = listTasks;
        this.summarizeTasks = summarizeTasks;
        this.persistence = persistence;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        prime();
        closeConnections();
        LOG.info("Primed for the snapshot and closed the database connections in {} ms",
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws SQLException {
        HikariDataSource pool = pool();
        if (minimumIdle >= 0) {
            pool.getHikariConfigMXBean().setMinimumIdle(minimumIdle);
        }
        LOG.info("Restored from the snapshot: the pool connects on the first request");
    }

    /**
     * Runs each part of the request path once; what they answer does not matter, that they ran does. Three threads
     * share the work, each on parts that need nothing from the others: this one reads the database's secret,
     * connects and runs the requests; another fetches the issuer's keys and loads the verifier and Jackson; a third
     * loads the TLS client and then jOOQ, by running the request path's statements without a database. Most of a
     * cold start is loading classes, and Lambda's init phase has more than one core for it.
     * Also run when an execution environment starts (Lambda gives the init phase its full CPU), so that the first
     * request finds the path warm with or without SnapStart. Throws when the database cannot be reached.
     */
    public void prime() throws InterruptedException {
        // The TLS client first: the connection needs it before the statements need jOOQ.
        Thread database = Thread.ofPlatform().daemon().name("hexatask-priming-database").start(() -> {
            loadTlsClient();
            try {
                PostgresPersistence.rehearseOffline();
            } catch (RuntimeException e) {
                // Only a head start is lost: the first request loads jOOQ itself.
                LOG.warn("Could not rehearse the statements without a database: {}", e.toString());
            }
        });
        // A well-formed token signed by no key of the issuer: verifying it fetches the issuer's keys and loads the
        // verifier, and it is refused like any forged token.
        Thread keys = Thread.ofPlatform().daemon().name("hexatask-priming-keys").start(() -> {
            authenticator.get().authenticate("Bearer " + unverifiableToken());
            Json.readStrict(Json.write(Map.of("title", "priming", "tags", List.of("a"), "dueDate", "2030-01-01")));
        });
        try {
            RestApi restApi = api.get();
            restApi.handle(HttpRequest.of("GET", "/health").withTransportRequestId("priming-health"));
            restApi.handle(HttpRequest.of("GET", "/tasks").withTransportRequestId("priming-tasks"));
            listTasks.get().list(PRIMING_USER, TaskListRequest.firstPage());
            summarizeTasks.get().summarize(PRIMING_USER);
        } finally {
            keys.join(HELPERS_WAIT);
            database.join(HELPERS_WAIT);
        }
    }

    /** Empties the pool and keeps it empty (minimum idle 0) until {@link #afterRestore}. */
    void closeConnections() throws SQLException, InterruptedException {
        HikariDataSource pool = pool();
        minimumIdle = pool.getHikariConfigMXBean().getMinimumIdle();
        pool.getHikariConfigMXBean().setMinimumIdle(0);
        pool.getHikariPoolMXBean().softEvictConnections();
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        while (pool.getHikariPoolMXBean().getTotalConnections() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("database connections still open after " + CLOSE_TIMEOUT
                        + ": the snapshot would hold their sockets");
            }
            Thread.sleep(10);
        }
        Thread.sleep(CLOSER_GRACE);
    }

    private HikariDataSource pool() throws SQLException {
        return persistence.get().dataSource().unwrap(HikariDataSource.class);
    }

    /**
     * Loads the JDK's TLS client by making a ClientHello that is never sent (its key shares included): the database
     * connection's handshake, on the critical path of a cold start, then finds most of its classes ready.
     */
    private static void loadTlsClient() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[0], null);
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(true);
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        } catch (GeneralSecurityException | SSLException e) {
            LOG.debug("The TLS client could not be loaded ahead of the first connection", e);
        }
    }

    private static String unverifiableToken() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"snapstart-priming\"}"
                .getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString("{\"sub\":\"snapstart-priming\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + base64.encodeToString(new byte[256]);
    }
}
