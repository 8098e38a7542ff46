package dev.hexatask.rest.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP header fields: names compared without regard to case (RFC 9110, section 5.1), each name with one or more
 * values in the order received. Immutable; {@link #with} and {@link #plus} return a copy.
 */
public final class HttpHeaders {

    public static final HttpHeaders EMPTY = new HttpHeaders(Map.of());

    /** Lower-cased name to the name as first given and its values. */
    private final Map<String, Field> fields;

    private record Field(String name, List<String> values) {
    }

    private HttpHeaders(Map<String, Field> fields) {
        this.fields = fields;
    }

    /** Headers from a map of names to values; names that differ only in case are merged. */
    public static HttpHeaders of(Map<String, ? extends List<String>> values) {
        // Built in one map, not a copy per value: a transport calls this for every request.
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends List<String>> entry : values.entrySet()) {
            String name = Objects.requireNonNull(entry.getKey(), "name");
            for (String value : entry.getValue()) {
                Objects.requireNonNull(value, "value");
                fields.compute(key(name), (key, existing) -> existing == null ? new Field(name, List.of(value))
                        : new Field(existing.name(), append(existing.values(), value)));
            }
        }
        return fields.isEmpty() ? EMPTY : new HttpHeaders(Collections.unmodifiableMap(fields));
    }

    private static List<String> append(List<String> values, String value) {
        List<String> appended = new ArrayList<>(values.size() + 1);
        appended.addAll(values);
        appended.add(value);
        return List.copyOf(appended);
    }

    /** Headers from alternating names and values: {@code of("Content-Type", "application/json")}. */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        HttpHeaders headers = EMPTY;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers = headers.plus(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** The first value of the header, if present. */
    public Optional<String> first(String name) {
        Field field = fields.get(key(name));
        return field == null ? Optional.empty() : Optional.of(field.values().getFirst());
    }

    /** Every value of the header, in order; empty when absent. */
    public List<String> all(String name) {
        Field field = fields.get(key(name));
        return field == null ? List.of() : field.values();
    }

    public boolean contains(String name) {
        return fields.containsKey(key(name));
    }

    /** The header names, as first given. */
    public List<String> names() {
        return fields.values().stream().map(Field::name).toList();
    }

    /** Every field as a map from name (as first given) to values, in insertion order. */
    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Field field : fields.values()) {
            map.put(field.name(), field.values());
        }
        return Collections.unmodifiableMap(map);
    }

    /** A copy with this value added after any existing ones. */
    public HttpHeaders plus(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, Field> copy = new LinkedHashMap<>(fields);
        Field existing = copy.get(key(name));
        copy.put(key(name), existing == null ? new Field(name, List.of(value))
                : new Field(existing.name(), append(existing.values(), value)));
        return new HttpHeaders(Collections.unmodifiableMap(copy));
    }

    /** A copy with the header set to this one value, replacing any it had. */
    public HttpHeaders with(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, Field> copy = new LinkedHashMap<>(fields);
        copy.put(key(name), new Field(name, List.of(value)));
        return new HttpHeaders(Collections.unmodifiableMap(copy));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpHeaders that && toMap().equals(that.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
