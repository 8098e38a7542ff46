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
 * so that a cold start of the function reads its database credentials through the real SDK client as in AWS.
 */
final class LocalSecretsManager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private LocalSecretsManager(HttpServer server) {
        this.server = server;
    }

    static LocalSecretsManager serving(String arn, String secretString) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(exchange, arn, secretString));
        server.start();
        return new LocalSecretsManager(server);
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, String arn, String secretString) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        byte[] body;
        int status;
        if ("secretsmanager.GetSecretValue".equals(target)) {
            status = 200;
            body = JSON.writeValueAsBytes(Map.of("ARN", arn, "Name", "hexatask-bench-db",
                    "VersionId", "00000000-0000-0000-0000-000000000001", "SecretString", secretString,
                    "VersionStages", new String[] {"AWSCURRENT"}, "CreatedDate", 1.7e9));
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
