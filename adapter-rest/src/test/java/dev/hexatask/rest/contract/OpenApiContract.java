package dev.hexatask.rest.contract;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a response against {@code openapi.yaml}: the status must be documented for the operation, every required
 * header present, every documented header valid against its schema, the content type documented and the body
 * valid against its schema. The schemas are checked by networknt's JSON Schema validator (OpenAPI 3.1 dialect,
 * format assertions on), so the document, not this class, says what is right.
 */
public final class OpenApiContract {

    private static final String DOCUMENT = "openapi.yaml";
    private static final List<String> ALWAYS_PRESENT =
            List.of("X-Request-Id", "Cache-Control", "X-Content-Type-Options", "Referrer-Policy", "Vary");

    private final JsonNode root;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode root, SchemaRegistry registry) {
        this.root = root;
        this.registry = registry;
    }

    /** The contract in this module's {@code openapi.yaml}, from the class path. */
    public static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the class path");
            }
            JsonNode root = new YAMLMapper().readTree(in);
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                    builder -> builder.schemaRegistryConfig(
                            SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
            return new OpenApiContract(root, registry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every operation of the document as method and path template ({@code GET /tasks/{id}}), OPTIONS left out; the
     * gateway in infra-cdk is built from the same list, and its tests check it against the document.
     */
    public List<String> operations() {
        List<String> operations = new ArrayList<>();
        for (String template : root.path("paths").propertyNames()) {
            for (String method : root.path("paths").path(template).propertyNames()) {
                if (!method.equals("options") && !method.equals("parameters")) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + template);
                }
            }
        }
        return operations;
    }

    /** The paths that answer OPTIONS in the document. */
    public List<String> pathsWithOptions() {
        List<String> paths = new ArrayList<>();
        for (String template : root.path("paths").propertyNames()) {
            if (root.path("paths").path(template).has("options")) {
                paths.add(template);
            }
        }
        return paths;
    }

    /** Every way the response breaks the document; empty when it conforms. */
    public List<String> violations(HttpRequest request, HttpResponse response) {
        List<String> problems = new ArrayList<>();
        Optional<String> template = template(request.path());
        if (template.isEmpty()) {
            expectStatus(response, 404, problems);
            checkResponse("/components/responses/NotFound", response, problems);
            return problems;
        }
        String pathPointer = "/paths/" + escape(template.get());
        JsonNode operation = root.at(pathPointer + "/" + request.method().toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            // A method the path does not have: the document's description promises 405, Allow and a problem.
            expectStatus(response, 405, problems);
            checkHeader("Allow", "/components/headers/Allow", response, problems);
            for (String name : ALWAYS_PRESENT) {
                checkHeader(name, "/components/headers/" + name, response, problems);
            }
            checkBody("/components/schemas/Problem", "application/problem+json", response, problems);
            return problems;
        }
        String status = Integer.toString(response.status());
        if (!operation.path("responses").has(status)) {
            problems.add(request.method() + " " + template.get() + " does not document status " + status);
            return problems;
        }
        checkResponse(pathPointer + "/" + request.method().toLowerCase(Locale.ROOT) + "/responses/" + status,
                response, problems);
        return problems;
    }

    private void checkResponse(String pointer, HttpResponse response, List<String> problems) {
        String resolved = resolve(pointer);
        JsonNode definition = root.at(resolved);
        JsonNode headers = definition.path("headers");
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.properties().iterator(); it.hasNext(); ) {
            String name = it.next().getKey();
            checkHeader(name, resolved + "/headers/" + escape(name), response, problems);
        }
        for (String name : ALWAYS_PRESENT) {
            if (!headers.has(name)) {
                problems.add("the document does not declare " + name + " at " + resolved);
            }
        }
        JsonNode content = definition.path("content");
        if (content.isMissingNode()) {
            if (response.body().length != 0) {
                problems.add("a body where " + resolved + " declares none");
            }
            if (response.headers().contains("Content-Type")) {
                problems.add("a Content-Type where " + resolved + " declares no content");
            }
            return;
        }
        String mediaType = response.headers().first("Content-Type").map(OpenApiContract::mediaType).orElse("");
        if (!content.has(mediaType)) {
            problems.add("Content-Type '" + mediaType + "' is not declared at " + resolved);
            return;
        }
        checkBody(resolved + "/content/" + escape(mediaType) + "/schema", mediaType, response, problems);
    }

    private void checkHeader(String name, String pointer, HttpResponse response, List<String> problems) {
        String resolved = resolve(pointer);
        JsonNode definition = root.at(resolved);
        List<String> values = response.headers().all(name);
        if (values.isEmpty()) {
            if (definition.path("required").asBoolean(false)) {
                problems.add("required header " + name + " is missing");
            }
            return;
        }
        if (values.size() > 1) {
            problems.add("header " + name + " is sent " + values.size() + " times");
        }
        for (Error error : schema(resolved + "/schema").validate(StringNode.valueOf(values.getFirst()))) {
            problems.add("header " + name + ": " + error.getMessage());
        }
    }

    private void checkBody(String schemaPointer, String mediaType, HttpResponse response, List<String> problems) {
        if (!response.headers().first("Content-Type").map(OpenApiContract::mediaType).orElse("").equals(mediaType)) {
            problems.add("Content-Type is not " + mediaType);
            return;
        }
        JsonNode body;
        try {
            body = JsonMapper.shared().readTree(response.body());
        } catch (RuntimeException e) {
            problems.add("the body is not JSON: " + e.getMessage());
            return;
        }
        for (Error error : schema(schemaPointer).validate(body)) {
            problems.add("body " + error.getInstanceLocation() + ": " + error.getMessage());
        }
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(
                SchemaLocation.of("classpath:" + DOCUMENT + "#" + p.replace("{", "%7B").replace("}", "%7D"))));
    }

    /** Follows {@code $ref}s within the document until the definition itself. */
    private String resolve(String pointer) {
        String current = pointer;
        for (int hops = 0; hops < 10; hops++) {
            JsonNode node = root.at(current);
            if (node.isMissingNode()) {
                throw new IllegalStateException("the document has nothing at " + current);
            }
            JsonNode ref = node.get("$ref");
            if (ref == null) {
                return current;
            }
            current = ref.asString().substring(1);
        }
        throw new IllegalStateException("too many $ref hops from " + pointer);
    }

    /** The document's path template that the request's path fits, as the API's router would pick it. */
    private Optional<String> template(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (String template : root.path("paths").propertyNames()) {
            String[] parts = template.split("/", -1);
            if (parts.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean fits = true;
            for (int i = 0; i < parts.length && fits; i++) {
                if (parts[i].startsWith("{")) {
                    fits = !segments[i].isEmpty();
                } else if (parts[i].equals(segments[i])) {
                    literals++;
                } else {
                    fits = false;
                }
            }
            if (fits && literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    private static void expectStatus(HttpResponse response, int expected, List<String> problems) {
        if (response.status() != expected) {
            problems.add("status " + response.status() + " where the document allows only " + expected);
        }
    }

    private static String mediaType(String contentType) {
        return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
