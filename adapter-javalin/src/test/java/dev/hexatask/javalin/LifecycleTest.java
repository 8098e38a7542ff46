package dev.hexatask.javalin;

import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.javalin.config.ServerConfig;
import dev.hexatask.javalin.http.CannotListenException;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.persistence.DatabaseSettings;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.UrlDatabaseCredentials;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import dev.hexatask.rest.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting and stopping: graceful shutdown, an unreachable database, a bad configuration, an address in use. */
@ExtendWith(PostgresTestDatabase.class)
class LifecycleTest {

    @Test
    void stoppingLetsARequestInFlightFinishAndThenRefusesConnections(TestDatabase database) throws Exception {
        TestStack stack = TestStack.start(database);
        int port = stack.root().getPort();
        String token = stack.identityProvider.authorizationHeader("graceful-user", "graceful");
        byte[] body = "{\"title\":\"Written while the server stops\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/tasks HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            Thread.sleep(300);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(stack::close);
            Thread.sleep(300);
            assertThat(stopping).isNotDone();
            out.write(body, 10, body.length - 10);
            out.flush();
            String response = read(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 201");
            stopping.get(HexataskServerTimeouts.STOP_SECONDS, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> new Socket("localhost", port).close())
                .isInstanceOf(ConnectException.class);
        try (var connection = database.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("select count(*) from tasks where owner = 'graceful-user'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableDatabaseIsRetriedWithGrowingPausesAndThenNamed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://localhost:" + closedPort + "/hexatask";
        List<String> progress = new ArrayList<>();
        try (PostgresPersistence persistence = PostgresPersistence.start(
                DatabaseSettings.forServer(url).withConnectionTimeout(Duration.ofMillis(300)),
                UrlDatabaseCredentials.of(url, "hexatask", "secret"))) {
            assertThatThrownBy(() -> DatabaseStartup.migrate(persistence, url, Duration.ofSeconds(3), progress::add))
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessage("the database at " + url + " could not be reached for 3 s");
        }
        assertThat(progress).hasSizeGreaterThanOrEqualTo(2);
        assertThat(progress.getFirst()).contains(url).contains("attempt 1").contains("500 ms");
        assertThat(progress.get(1)).contains("attempt 2").contains("1000 ms");
        assertThat(String.join("\n", progress)).doesNotContain("secret");
    }

    @Test
    void aBadConfigurationStopsStartUpWithOneLineAndNoStackTrace() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
        builder.environment().clear();
        builder.environment().putAll(Map.of("DATABASE_URL", "postgresql://u:p@localhost/db", "OIDC_ISSUER",
                "https://issuer.example.com", "OIDC_CLIENT_IDS", "client", "DB_POOL_SIZE", "lots"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr.strip().lines()).containsExactly(
                "hexatask: cannot start: DB_POOL_SIZE must be a whole number from 1 to 200");
    }

    @Test
    void aPortInUseStopsStartUpWithOneLineAndExitStatus4(TestDatabase database) throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             TestIdentityProvider identityProvider = TestIdentityProvider.start()) {
            Map<String, String> env = TestStack.environment(database, identityProvider);
            env.put("PORT", Integer.toString(taken.getLocalPort()));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            try {
                CompletableFuture<String> stderr = readInTheBackground(process.getErrorStream());
                CompletableFuture<String> stdout = readInTheBackground(process.getInputStream());
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isEqualTo(4);
                assertThat(stderr.get(10, TimeUnit.SECONDS).strip().lines()).containsExactly(
                        "hexatask: cannot start: port " + taken.getLocalPort()
                                + " is in use; stop what holds it, or set PORT to another port");
                assertThat(stdout.get(10, TimeUnit.SECONDS)).doesNotContain("\tat ", "Exception");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void anAddressThatIsNotThisMachinesIsNamedAsSuchNotAsAPortInUse(TestDatabase database) {
        try (TestIdentityProvider identityProvider = TestIdentityProvider.start()) {
            ServerConfig config = ServerConfig.fromEnvironment(TestStack.environment(database, identityProvider));
            // 192.0.2.1 is reserved for documentation (RFC 5737): no interface of this machine has it.
            assertThatThrownBy(() -> HexataskApplication.start(config, "192.0.2.1", line -> { }))
                    .isInstanceOf(CannotListenException.class)
                    .hasMessageStartingWith("cannot listen on 192.0.2.1:0 (")
                    .hasMessageEndingWith("); check HOST and PORT")
                    .message().doesNotContain("in use");
        }
    }

    private static CompletableFuture<String> readInTheBackground(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** The server's stop timeout plus a margin, for waiting on a stop. */
    private static final class HexataskServerTimeouts {
        static final long STOP_SECONDS = dev.hexatask.javalin.http.HexataskServer.STOP_TIMEOUT.toSeconds() + 5;
    }
}
