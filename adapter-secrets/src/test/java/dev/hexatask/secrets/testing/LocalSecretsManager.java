package dev.hexatask.secrets.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Secrets Manager over local HTTP, speaking the JSON protocol the AWS SDK speaks ({@code POST /} with
 * {@code X-Amz-Target: secretsmanager.<Action>}), and keeping what a rotation needs: secrets with versions and the
 * staging labels {@code AWSCURRENT}, {@code AWSPENDING} and {@code AWSPREVIOUS}, moved by the service's rules. It
 * serves {@code GetSecretValue} (by {@code VersionStage} or {@code VersionId}, else {@code AWSCURRENT}),
 * {@code DescribeSecret}, {@code PutSecretValue}, {@code UpdateSecretVersionStage} and {@code GetRandomPassword};
 * anything else is an {@code InvalidRequestException}. Requests are not authenticated; each is counted by action.
 */
public final class LocalSecretsManager implements AutoCloseable {

    public static final String CURRENT = "AWSCURRENT";
    public static final String PENDING = "AWSPENDING";
    public static final String PREVIOUS = "AWSPREVIOUS";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String PREFIX = "secretsmanager.";

    private final HttpServer server;
    private final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final Map<String, AtomicLong> calls = new java.util.concurrent.ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** One secret: its versions in the order they were made, and the labels on each. */
    private static final class Secret {
        final String arn;
        final String name;
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, Set<String>> stages = new LinkedHashMap<>();

        Secret(String arn, String name) {
            this.arn = arn;
            this.name = name;
        }

        String versionWith(String stage) {
            return stages.entrySet().stream().filter(e -> e.getValue().contains(stage)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }
    }

    /** A failure answered as Secrets Manager does: HTTP 400 and the exception's name in {@code __type}. */
    private static final class Refused extends Exception {
        final String type;

        Refused(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }

    private LocalSecretsManager(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free port of 127.0.0.1. */
    public static LocalSecretsManager start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "local-secrets-manager");
            thread.setDaemon(true);
            return thread;
        }));
        LocalSecretsManager secretsManager = new LocalSecretsManager(server);
        server.createContext("/", secretsManager::answer);
        server.start();
        return secretsManager;
    }

    /** A server holding one secret, its value labelled AWSCURRENT. */
    public static LocalSecretsManager serving(String arn, String secretString) throws IOException {
        LocalSecretsManager secretsManager = start();
        secretsManager.create(arn, secretString);
        return secretsManager;
    }

    /** The endpoint for {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, such as {@code http://127.0.0.1:41234}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Makes a secret whose first version holds {@code secretString}, labelled AWSCURRENT; its name is the ARN's
     * last part without the random suffix Secrets Manager adds ({@code ...:secret:hexatask/db-AbCdEf} is
     * {@code hexatask/db}).
     */
    public synchronized void create(String arn, String secretString) {
        String last = arn.substring(arn.lastIndexOf(':') + 1);
        String name = last.matches(".*-[A-Za-z0-9]{6}") ? last.substring(0, last.length() - 7) : last;
        Secret secret = new Secret(arn, name);
        String version = UUID.randomUUID().toString();
        secret.values.put(version, secretString);
        secret.stages.put(version, new LinkedHashSet<>(Set.of(CURRENT)));
        secrets.put(arn, secret);
    }

    /** The value that {@code stage} labels now, or null. */
    public synchronized String value(String arn, String stage) {
        Secret secret = secrets.get(arn);
        String version = secret == null ? null : secret.versionWith(stage);
        return version == null ? null : secret.values.get(version);
    }

    /** The labels of each version, oldest first. */
    public synchronized Map<String, Set<String>> stages(String arn) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        secrets.get(arn).stages.forEach((version, labels) -> copy.put(version, Set.copyOf(labels)));
        return copy;
    }

    /** How many requests of this action (such as {@code GetSecretValue}) were answered, successfully or not. */
    public long calls(String action) {
        AtomicLong count = calls.get(action);
        return count == null ? 0 : count.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String action = target.startsWith(PREFIX) ? target.substring(PREFIX.length()) : target;
            calls.computeIfAbsent(action, key -> new AtomicLong()).incrementAndGet();
            int status;
            Object body;
            try {
                JsonNode input = request.length == 0 ? JSON.createObjectNode() : JSON.readTree(request);
                body = act(action, input);
                status = 200;
            } catch (Refused e) {
                status = 400;
                body = Map.of("__type", e.type, "message", e.getMessage());
            } catch (IOException e) {
                status = 400;
                body = Map.of("__type", "InvalidRequestException", "message", "the request is not JSON");
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private synchronized Object act(String action, JsonNode input) throws Refused {
        return switch (action) {
            case "GetSecretValue" -> getSecretValue(input);
            case "DescribeSecret" -> describeSecret(input);
            case "PutSecretValue" -> putSecretValue(input);
            case "UpdateSecretVersionStage" -> updateSecretVersionStage(input);
            case "GetRandomPassword" -> getRandomPassword(input);
            default -> throw new Refused("InvalidRequestException", "not served here: " + action);
        };
    }

    private Map<String, Object> getSecretValue(JsonNode input) throws Refused {
        Secret secret = secret(input);
        String versionId = text(input, "VersionId");
        String stage = text(input, "VersionStage");
        String version;
        if (versionId != null) {
            if (!secret.values.containsKey(versionId)
                    || (stage != null && !secret.stages.get(versionId).contains(stage))) {
                throw new Refused("ResourceNotFoundException", "Secrets Manager can't find the specified secret "
                        + "value for VersionId: " + versionId);
            }
            version = versionId;
        } else {
            String label = stage == null ? CURRENT : stage;
            version = secret.versionWith(label);
            if (version == null) {
                throw new Refused("ResourceNotFoundException", "Secrets Manager can't find the specified secret "
                        + "value for staging label: " + label);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ARN", secret.arn);
        body.put("Name", secret.name);
        body.put("VersionId", version);
        body.put("SecretString", secret.values.get(version));
        body.put("VersionStages", List.copyOf(secret.stages.get(version)));
        body.put("CreatedDate", System.currentTimeMillis() / 1000.0);
        return body;
    }

    private Map<String, Object> describeSecret(JsonNode input) throws Refused {
        Secret secret = secret(input);
        Map<String, Object> versions = new LinkedHashMap<>();
        secret.stages.forEach((version, labels) -> {
            if (!labels.isEmpty()) {
                versions.put(version, List.copyOf(labels));
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ARN", secret.arn);
        body.put("Name", secret.name);
        body.put("RotationEnabled", true);
        body.put("VersionIdsToStages", versions);
        return body;
    }

    /** A new version; the labels it gets (AWSCURRENT when none are named) leave the versions that had them. */
    private Map<String, Object> putSecretValue(JsonNode input) throws Refused {
        Secret secret = secret(input);
        String value = text(input, "SecretString");
        if (value == null) {
            throw new Refused("InvalidParameterException", "SecretString is required here");
        }
        String token = text(input, "ClientRequestToken");
        String version = token == null ? UUID.randomUUID().toString() : token;
        List<String> labels = new ArrayList<>();
        input.path("VersionStages").forEach(label -> labels.add(label.asText()));
        if (labels.isEmpty()) {
            labels.add(CURRENT);
        }
        if (secret.values.containsKey(version)) {
            if (!secret.values.get(version).equals(value)) {
                throw new Refused("ResourceExistsException", "A resource with the ID you requested already exists.");
            }
        } else {
            secret.values.put(version, value);
            secret.stages.put(version, new LinkedHashSet<>());
        }
        for (String label : labels) {
            attach(secret, label, version);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ARN", secret.arn);
        body.put("Name", secret.name);
        body.put("VersionId", version);
        body.put("VersionStages", List.copyOf(secret.stages.get(version)));
        return body;
    }

    /**
     * Moves a label to a version or takes it off one. A label on a version must be removed from it explicitly
     * ({@code RemoveFromVersionId}) to move; moving AWSCURRENT puts AWSPREVIOUS on the version that had it.
     */
    private Map<String, Object> updateSecretVersionStage(JsonNode input) throws Refused {
        Secret secret = secret(input);
        String label = text(input, "VersionStage");
        String moveTo = text(input, "MoveToVersionId");
        String removeFrom = text(input, "RemoveFromVersionId");
        if (label == null) {
            throw new Refused("InvalidParameterException", "VersionStage is required");
        }
        String holder = secret.versionWith(label);
        if (moveTo != null && !secret.values.containsKey(moveTo)
                || removeFrom != null && !secret.values.containsKey(removeFrom)) {
            throw new Refused("ResourceNotFoundException", "Secrets Manager can't find the specified version");
        }
        if (holder != null && !holder.equals(moveTo) && !holder.equals(removeFrom)) {
            throw new Refused("InvalidParameterException", "The staging label " + label + " is currently attached "
                    + "to version " + holder + ". You must specify this version ID in RemoveFromVersionId.");
        }
        if (removeFrom != null && !secret.stages.get(removeFrom).contains(label)) {
            throw new Refused("InvalidParameterException", "The staging label " + label + " is not attached to "
                    + "version " + removeFrom);
        }
        if (moveTo != null) {
            attach(secret, label, moveTo);
        } else if (removeFrom != null) {
            secret.stages.get(removeFrom).remove(label);
        }
        return Map.of("ARN", secret.arn, "Name", secret.name);
    }

    private void attach(Secret secret, String label, String version) {
        String holder = secret.versionWith(label);
        if (holder != null && !holder.equals(version)) {
            secret.stages.get(holder).remove(label);
            if (label.equals(CURRENT)) {
                String previous = secret.versionWith(PREVIOUS);
                if (previous != null) {
                    secret.stages.get(previous).remove(PREVIOUS);
                }
                secret.stages.get(holder).add(PREVIOUS);
            }
        }
        secret.stages.get(version).add(label);
    }

    private Map<String, Object> getRandomPassword(JsonNode input) {
        int length = input.path("PasswordLength").asInt(32);
        String exclude = input.path("ExcludeCharacters").asText("");
        boolean noPunctuation = input.path("ExcludePunctuation").asBoolean(false);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                + (noPunctuation ? "" : "!#$%&()*+,-.:;<=>?[]^_{|}~");
        StringBuilder allowed = new StringBuilder();
        alphabet.chars().filter(c -> exclude.indexOf(c) < 0).forEach(c -> allowed.append((char) c));
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(allowed.charAt(random.nextInt(allowed.length())));
        }
        return Map.of("RandomPassword", password.toString());
    }

    private Secret secret(JsonNode input) throws Refused {
        String id = text(input, "SecretId");
        if (id != null) {
            for (Secret secret : secrets.values()) {
                if (secret.arn.equals(id) || secret.name.equals(id)) {
                    return secret;
                }
            }
        }
        throw new Refused("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    private static String text(JsonNode input, String field) {
        JsonNode node = input.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
