package dev.hexatask.rest.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hexatask.application.port.in.FieldChange;
import dev.hexatask.domain.validation.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the members of a JSON object body by name, recording every structural problem (a member that is unknown,
 * owned by the server, or of the wrong JSON type) so that one response can list them all. Values come out as
 * text: the rules about their content belong to the core.
 */
public final class JsonObjectFields {

    private final JsonNode object;
    private final List<Violation> violations = new ArrayList<>();

    private JsonObjectFields(JsonNode object) {
        this.object = object;
    }

    /**
     * The body's members, after checking that it is an object and holds only {@code writable} names;
     * {@code serverOwned} names are refused with their own message, anything else as unknown.
     *
     * @throws BodyShapeException when the body is not a JSON object at all
     */
    public static JsonObjectFields of(JsonNode body, Set<String> writable, Set<String> serverOwned) {
        if (!body.isObject()) {
            throw new BodyShapeException("The request body must be a JSON object.");
        }
        JsonObjectFields fields = new JsonObjectFields(body);
        for (Map.Entry<String, JsonNode> member : body.properties()) {
            String name = member.getKey();
            if (serverOwned.contains(name)) {
                fields.violations.add(new Violation(name, "read_only", "is set by the server and cannot be sent"));
            } else if (!writable.contains(name)) {
                fields.violations.add(new Violation(safeName(name), "unknown_field", "is not a known field"));
            }
        }
        return fields;
    }

    /** A string member: absent or {@code null} give {@code null}. */
    public String string(String name) {
        return switch (change(name)) {
            case FieldChange.Keep<String> keep -> null;
            case FieldChange.SetTo<String> set -> set.value();
        };
    }

    /** A string member as a change: absent keeps, {@code null} sets to null, a string sets to it. */
    public FieldChange<String> change(String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            return FieldChange.keep();
        }
        if (value.isNull()) {
            return FieldChange.to(null);
        }
        if (!value.isTextual()) {
            violations.add(new Violation(name, "type", "must be a string"));
            return FieldChange.keep();
        }
        return FieldChange.to(value.textValue());
    }

    /** An array-of-strings member: absent or {@code null} give {@code null}. */
    public List<String> strings(String name) {
        return switch (stringsChange(name)) {
            case FieldChange.Keep<List<String>> keep -> null;
            case FieldChange.SetTo<List<String>> set -> set.value();
        };
    }

    /** An array-of-strings member as a change. */
    public FieldChange<List<String>> stringsChange(String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            return FieldChange.keep();
        }
        if (value.isNull()) {
            return FieldChange.to(null);
        }
        if (!value.isArray()) {
            violations.add(new Violation(name, "type", "must be an array of strings"));
            return FieldChange.keep();
        }
        List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isTextual()) {
                items.add(item.textValue());
            } else {
                violations.add(new Violation(name + "[" + i + "]", "type", "must be a string"));
            }
        }
        return FieldChange.to(items);
    }

    /** Every structural problem found so far. */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** A member name is echoed back as the field; a huge one is cut so that a response stays small. */
    private static String safeName(String name) {
        int limit = 100;
        return name.codePointCount(0, name.length()) <= limit ? name
                : name.substring(0, name.offsetByCodePoints(0, limit)) + "…";
    }
}
