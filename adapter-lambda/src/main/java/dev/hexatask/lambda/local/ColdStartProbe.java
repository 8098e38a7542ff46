package dev.hexatask.lambda.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.jwt.CognitoAccessTokenAuthenticator;
import dev.hexatask.jwt.JwtSettings;
import dev.hexatask.lambda.ApiHandler;
import dev.hexatask.lambda.LambdaSettings;
import dev.hexatask.lambda.SnapStartHooks;
import dev.hexatask.persistence.DatabaseSettings;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.UrlDatabaseCredentials;
import dev.hexatask.rest.RestApi;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * One cold start, run by the cold-start benchmark in a fresh JVM with the Lambda runtime's flags. Prints one line per
 * moment, {@code @<name> <epoch ms> <classes loaded so far> <process CPU ms> [status]}; the benchmark subtracts the moment it
 * started the process. Modes: {@code api} (the real handler: construct, then two authenticated {@code GET /tasks}),
 * {@code hello} (the baseline handler), {@code profile} (each library's first use, one after the other) and
 * {@code restore} (the SnapStart hooks around a would-be snapshot, then two requests). The
 * token comes in {@code BENCHMARK_AUTHORIZATION}; the rest of the configuration in the function's variables.
 */
public final class ColdStartProbe {

    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("@jvm " + ManagementFactory.getRuntimeMXBean().getStartTime() + " 0 0 ");
        mark("main", "");
        switch (args[0]) {
            case "api" -> handler(new ApiHandler());
            case "hello" -> handler(new HelloWorldHandler());
            case "profile" -> profile();
            case "restore" -> restore();
            default -> throw new IllegalArgumentException("mode: api, hello, profile or restore");
        }
        System.out.flush();
        System.exit(0);
    }

    private static void handler(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
        mark("constructed", "");
        String authorization = System.getenv("BENCHMARK_AUTHORIZATION");
        for (String request : List.of("first", "second")) {
            APIGatewayProxyRequestEvent event = new ProxyEventFactory("bench").event("GET", "/tasks", Map.of(),
                    Map.of("Authorization", List.of(authorization)), null, false);
            APIGatewayProxyResponseEvent response = handler.handleRequest(event, new LocalContext());
            mark(request, Integer.toString(response.getStatusCode()));
        }
    }

    /**
     * What a SnapStart restore leaves to do: init and priming as for a snapshot, the SnapStart hooks run as the
     * runtime runs them around a snapshot (without taking one: the JVM keeps its warm caches, which a real restore
     * pages back in), then two requests. The moments {@code restored} to {@code first} are the restore's own work.
     */
    private static void restore() throws Exception {
        ApiHandler handler = new ApiHandler();
        mark("constructed", "");
        SnapStartHooks.beforeCheckpoint();
        mark("checkpoint", "");
        SnapStartHooks.afterRestore();
        mark("restored", "");
        String authorization = System.getenv("BENCHMARK_AUTHORIZATION");
        for (String request : List.of("first", "second")) {
            APIGatewayProxyRequestEvent event = new ProxyEventFactory("bench").event("GET", "/tasks", Map.of(),
                    Map.of("Authorization", List.of(authorization)), null, false);
            mark(request, Integer.toString(handler.handleRequest(event, new LocalContext()).getStatusCode()));
        }
    }

    /** Each library's first use in isolation, in the order a request meets them. */
    private static void profile() throws Exception {
        // As the function's execution environment sets them.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        org.slf4j.LoggerFactory.getLogger(ColdStartProbe.class).info("cold-start profile");
        mark("logback", "");
        ObjectMapper json = new ObjectMapper();
        json.readTree(json.writeValueAsString(Map.of("title", "x", "tags", List.of("a"))));
        mark("jackson", "");
        JwtSettings jwt = JwtSettings.fromEnvironment(System.getenv());
        var authenticator = new CognitoAccessTokenAuthenticator(jwt);
        String verdict = authenticator.authenticate(System.getenv("BENCHMARK_AUTHORIZATION")).getClass()
                .getSimpleName();
        mark("nimbus", verdict);
        UrlDatabaseCredentials credentials = UrlDatabaseCredentials.fromUrl(System.getenv("DATABASE_URL"));
        Class.forName("org.postgresql.Driver");
        mark("driver", "");
        try (Connection plain = java.sql.DriverManager.getConnection(credentials.jdbcUrl(),
                credentials.current().username(), credentials.current().password())) {
            mark("connect", Boolean.toString(plain.isValid(1)));
        }
        DatabaseSettings databaseSettings = DatabaseSettings.forLambda(credentials.jdbcUrl());
        try (var pooled = PostgresPersistence.start(databaseSettings, credentials);
             Connection connection = pooled.dataSource().getConnection()) {
            mark("hikari", Boolean.toString(connection.isValid(1)));
        }
        PostgresPersistence persistence = PostgresPersistence.start(databaseSettings, credentials);
        mark("jooqconfig", "");
        persistence.cursorSecret().read();
        mark("jooq", "");
        try (var client = dev.hexatask.secrets.SecretsManagerClients.create(Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), null)) {
            mark("sdk", client.serviceClientConfiguration().region().id());
        }
        LambdaSettings settings = LambdaSettings.fromEnvironment(System.getenv());
        RestApi api = dev.hexatask.lambda.ApiComponent.create(settings).restApi().get();
        mark("dagger", api.getClass().getSimpleName());
        persistence.close();
    }

    /** {@code @<moment> <epoch ms> <classes loaded> <process CPU ms> [detail]}. */
    private static void mark(String moment, String detail) {
        long cpuMillis = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1_000_000 : -1;
        System.out.println("@" + moment + " " + System.currentTimeMillis() + " " + CLASSES.getTotalLoadedClassCount()
                + " " + cpuMillis + " " + detail);
    }
}
