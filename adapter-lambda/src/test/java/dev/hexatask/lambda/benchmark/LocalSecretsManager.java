package dev.hexatask.lambda.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Secrets Manager's {@code GetSecretValue} over local HTTP (the JSON protocol the SDK speaks), answering one secret,
 * so that a cold start of the function reads its database credentials through the real SDK client as in AWS. The
 * secret's versions are staged ({@code AWSCURRENT}, {@code AWSPREVIOUS}) and can be rotated while it serves.
 */
public final class LocalSecretsManager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String arn;
    private volatile Map<String, String> stages;

    private LocalSecretsManager(HttpServer server, String arn, Map<String, String> stages) {
        this.server = server;
        this.arn = arn;
        this.stages = Map.copyOf(stages);
    }

    /** One version, staged {@code AWSCURRENT}. */
    public static LocalSecretsManager serving(String arn, String secretString) throws IOException {
        return serving(arn, Map.of("AWSCURRENT", secretString));
    }

    /** The versions by stage, e.g. {@code AWSCURRENT} and {@code AWSPREVIOUS}. */
    public static LocalSecretsManager serving(String arn, Map<String, String> stages) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        LocalSecretsManager secrets = new LocalSecretsManager(server, arn, stages);
        server.createContext("/", secrets::answer);
        server.start();
        return secrets;
    }

    /** A rotation: from now on these versions are served, as Secrets Manager moves the stages. */
    public void stage(Map<String, String> versions) {
        stages = Map.copyOf(versions);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] sent = exchange.getRequestBody().readAllBytes();
        Map<?, ?> request = sent.length == 0 ? Map.of() : JSON.readValue(sent, Map.class);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        Object stage = request.get("VersionStage") == null ? "AWSCURRENT" : request.get("VersionStage");
        String secretString = stages.get(String.valueOf(stage));
        byte[] body;
        int status;
        if ("secretsmanager.GetSecretValue".equals(target) && secretString != null) {
            status = 200;
            body = JSON.writeValueAsBytes(Map.of("ARN", arn, "Name", "hexatask-bench-db",
                    "VersionId", "00000000-0000-0000-0000-" + String.format("%012d", Math.floorMod(secretString.hashCode(), 1_000_000_000)),
                    "SecretString", secretString, "VersionStages", new String[] {String.valueOf(stage)},
                    "CreatedDate", 1.7e9));
        } else if ("secretsmanager.GetSecretValue".equals(target)) {
            status = 400;
            body = JSON.writeValueAsBytes(Map.of("__type", "ResourceNotFoundException",
                    "message", "Secrets Manager can't find the specified secret value for staging label: " + stage));
        } else {
            status = 400;
            body = ("{\"__type\":\"InvalidRequestException\",\"message\":\"not served here: " + target + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
