package dev.hexatask.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;

/**
 * The API's contract, {@code adapter-rest}'s {@code openapi.yaml}, read for the edge: its operations (method, path,
 * whether a token is needed, the declared parameters, the request bodies' schemas as API Gateway models) and the CORS
 * headers its responses allow. The gateway is built from this, so it cannot list a route the contract does not.
 */
public final class OpenApiDocument {

    /** A declared parameter: {@code in} is {@code path}, {@code query} or {@code header}. */
    public record Parameter(String in, String name, boolean required) {
    }

    /** One request body's media type and the named schema that validates it. */
    public record RequestBody(String mediaType, String schemaName, JsonSchema schema) {
    }

    /**
     * @param method upper case, e.g. {@code PATCH}
     * @param path   a template such as {@code /tasks/{id}}
     */
    public record Operation(String method, String path, boolean authenticated, List<Parameter> parameters,
            List<RequestBody> requestBodies) {

        public String key() {
            return method + " " + path;
        }
    }

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head");
    /** Keywords that only describe: the gateway's validator has no use for them (the function checks formats). */
    private static final Set<String> ANNOTATIONS = Set.of("description", "format", "default", "examples", "title");
    private static final String SCHEMA_PREFIX = "#/components/schemas/";

    private final JsonNode root;
    private final List<Operation> operations;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
        this.operations = readOperations();
    }

    public static OpenApiDocument read(Path file) {
        try {
            return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document " + file.toAbsolutePath(), e);
        }
    }

    /** Every operation but OPTIONS (which the function answers on every path: CORS preflight, {@code Allow}). */
    public List<Operation> operations() {
        return operations;
    }

    /** The response headers a browser app may read (the document's {@code Access-Control-Expose-Headers}). */
    public List<String> corsExposedHeaders() {
        return headerList("Access-Control-Expose-Headers");
    }

    private List<String> headerList(String header) {
        var value = root.path("components").path("headers").path(header).path("schema").path("const");
        if (!value.isTextual()) {
            throw new IllegalArgumentException("the OpenAPI document gives no const value for " + header);
        }
        return Stream.of(value.asText().split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    private List<Operation> readOperations() {
        var found = new ArrayList<Operation>();
        boolean securedByDefault = root.path("security").size() > 0;
        root.path("paths").properties().forEach(path -> {
            var pathItem = path.getValue();
            pathItem.properties().forEach(entry -> {
                if (!METHODS.contains(entry.getKey())) {
                    return;
                }
                var operation = entry.getValue();
                var security = operation.has("security") ? operation.get("security") : null;
                boolean authenticated = security == null ? securedByDefault : security.size() > 0;
                var parameters = new ArrayList<Parameter>();
                Stream.concat(stream(pathItem.path("parameters")), stream(operation.path("parameters")))
                        .map(this::resolve)
                        .forEach(parameter -> parameters.add(new Parameter(parameter.path("in").asText(),
                                parameter.path("name").asText(), parameter.path("required").asBoolean(false))));
                var bodies = new ArrayList<RequestBody>();
                resolve(operation.path("requestBody")).path("content").properties().forEach(content -> {
                    var schema = content.getValue().path("schema");
                    var ref = schema.path("$ref").asText("");
                    if (!ref.startsWith(SCHEMA_PREFIX)) {
                        throw new IllegalArgumentException(entry.getKey() + " " + path.getKey()
                                + ": a request body's schema must be a named component, to become a gateway model");
                    }
                    var name = ref.substring(SCHEMA_PREFIX.length());
                    bodies.add(new RequestBody(content.getKey(), name, model(name)));
                });
                found.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), authenticated,
                        List.copyOf(parameters), List.copyOf(bodies)));
            });
        });
        return List.copyOf(found);
    }

    /** The named schema as a JSON Schema draft 4 model, references inlined. */
    private JsonSchema model(String name) {
        var builder = JsonSchema.builder().schema(JsonSchemaVersion.DRAFT4).title(name);
        return schema(component(name), builder, name);
    }

    private JsonNode component(String name) {
        var node = root.path("components").path("schemas").path(name);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("the OpenAPI document has no schema " + name);
        }
        return node;
    }

    private JsonSchema schema(JsonNode node) {
        return schema(node, JsonSchema.builder(), "");
    }

    private JsonSchema schema(JsonNode node, JsonSchema.Builder builder, String where) {
        if (node.has("$ref")) {
            var ref = node.get("$ref").asText();
            if (!ref.startsWith(SCHEMA_PREFIX)) {
                throw new IllegalArgumentException(where + ": unsupported reference " + ref);
            }
            return schema(component(ref.substring(SCHEMA_PREFIX.length())), builder, where);
        }
        node.properties().forEach(keyword -> {
            var value = keyword.getValue();
            switch (keyword.getKey()) {
                case "type" -> {
                    if (value.isArray()) {
                        builder.type(stream(value).map(OpenApiDocument::type).toList());
                    } else {
                        builder.type(type(value));
                    }
                }
                case "properties" -> {
                    var properties = new LinkedHashMap<String, JsonSchema>();
                    value.properties().forEach(property -> properties.put(property.getKey(),
                            schema(property.getValue())));
                    builder.properties(properties);
                }
                case "required" -> builder.required(stream(value).map(JsonNode::asText).toList());
                case "additionalProperties" -> {
                    if (!value.isBoolean()) {
                        throw new IllegalArgumentException(where + ": additionalProperties must be true or false");
                    }
                    builder.additionalProperties(value.asBoolean());
                }
                case "items" -> builder.items(schema(value));
                case "enum" -> builder.enumValue(stream(value).map(OpenApiDocument::scalar).toList());
                case "const" -> builder.enumValue(List.of(scalar(value)));
                case "oneOf" -> builder.oneOf(stream(value).map(this::schema).toList());
                case "anyOf" -> builder.anyOf(stream(value).map(this::schema).toList());
                case "allOf" -> builder.allOf(stream(value).map(this::schema).toList());
                case "minLength" -> builder.minLength(value.asInt());
                case "maxLength" -> builder.maxLength(value.asInt());
                case "pattern" -> builder.pattern(value.asText());
                case "minItems" -> builder.minItems(value.asInt());
                case "maxItems" -> builder.maxItems(value.asInt());
                case "uniqueItems" -> builder.uniqueItems(value.asBoolean());
                case "minimum" -> builder.minimum(value.asDouble());
                case "maximum" -> builder.maximum(value.asDouble());
                default -> {
                    // A rule the gateway would silently skip must not pass for enforced: name it and stop.
                    if (!ANNOTATIONS.contains(keyword.getKey())) {
                        throw new IllegalArgumentException(where + ": the keyword '" + keyword.getKey()
                                + "' has no API Gateway (JSON Schema draft 4) counterpart here");
                    }
                }
            }
        });
        return builder.build();
    }

    private static JsonSchemaType type(JsonNode name) {
        return JsonSchemaType.valueOf(name.asText().toUpperCase(Locale.ROOT));
    }

    private static Object scalar(JsonNode value) {
        if (value.isNull()) {
            throw new IllegalArgumentException("null in an enum is not supported at the edge");
        }
        return value.isNumber() ? value.numberValue() : value.isBoolean() ? value.asBoolean() : value.asText();
    }

    private JsonNode resolve(JsonNode node) {
        var ref = node.path("$ref").asText("");
        if (ref.isEmpty()) {
            return node;
        }
        var target = root;
        for (var part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("unresolved reference " + ref);
        }
        return target;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        var all = new ArrayList<JsonNode>();
        array.forEach(all::add);
        return all.stream();
    }
}
