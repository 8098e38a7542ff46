package dev.hexatask.rest.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * HTTP header fields: names compared without regard to case (RFC 9110, section 5.1), each name with one or more
 * values in the order received. Immutable; {@link #with} and {@link #plus} return a copy.
 *
 * <p>The fields are kept in an array in the order first given and looked up by scanning it: a message has a few
 * fields, and every response gets several set one by one, each a copy; an array of a dozen references is copied far
 * more cheaply than a hash map, and a scan needs no lower-cased copy of the name asked for.
 */
public final class HttpHeaders {

    public static final HttpHeaders EMPTY = new HttpHeaders(new Field[0]);

    /** One per name (compared without case), in the order first given. */
    private final Field[] fields;

    /** A name with its values, and whether the name is ASCII (worked out once, not on every comparison). */
    private record Field(String name, boolean ascii, List<String> values) {

        Field(String name, List<String> values) {
            this(name, isAscii(name), values);
        }
    }

    private HttpHeaders(Field[] fields) {
        this.fields = fields;
    }

    /** Headers from a map of names to values; names that differ only in case are merged. */
    public static HttpHeaders of(Map<String, ? extends List<String>> values) {
        Builder builder = builder();
        for (Map.Entry<String, ? extends List<String>> entry : values.entrySet()) {
            String name = Objects.requireNonNull(entry.getKey(), "name");
            for (String value : entry.getValue()) {
                builder.add(name, value);
            }
        }
        return builder.build();
    }

    /** Headers from alternating names and values: {@code of("Content-Type", "application/json")}. */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /** Collects the fields of a message as a transport reads them, one value at a time, without a map per value. */
    public static Builder builder() {
        return new Builder();
    }

    /** Adds values as {@link #plus} does, to one growing list of fields. */
    public static final class Builder {

        /** Past this many names a builder indexes them, so that a message with very many fields stays linear. */
        private static final int SCANNED_NAMES = 16;

        private final List<Field> fields = new ArrayList<>();
        private Map<String, Integer> index;

        private Builder() {
        }

        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            int at = indexOf(name);
            if (at < 0) {
                fields.add(new Field(name, List.of(value)));
                if (index != null) {
                    index.put(key(name), fields.size() - 1);
                } else if (fields.size() > SCANNED_NAMES) {
                    index = new HashMap<>();
                    for (int i = 0; i < fields.size(); i++) {
                        index.put(key(fields.get(i).name()), i);
                    }
                }
            } else {
                Field existing = fields.get(at);
                fields.set(at, new Field(existing.name(), append(existing.values(), value)));
            }
            return this;
        }

        private int indexOf(String name) {
            if (index != null) {
                return index.getOrDefault(key(name), -1);
            }
            Name asked = new Name(name);
            for (int i = 0; i < fields.size(); i++) {
                if (asked.names(fields.get(i))) {
                    return i;
                }
            }
            return -1;
        }

        public HttpHeaders build() {
            return fields.isEmpty() ? EMPTY : new HttpHeaders(fields.toArray(new Field[0]));
        }
    }

    private static List<String> append(List<String> values, String value) {
        List<String> appended = new ArrayList<>(values.size() + 1);
        appended.addAll(values);
        appended.add(value);
        return List.copyOf(appended);
    }

    /** The first value of the header, if present. */
    public Optional<String> first(String name) {
        Field field = field(name);
        return field == null ? Optional.empty() : Optional.of(field.values().getFirst());
    }

    /** Every value of the header, in order; empty when absent. */
    public List<String> all(String name) {
        Field field = field(name);
        return field == null ? List.of() : field.values();
    }

    public boolean contains(String name) {
        return field(name) != null;
    }

    /** The header names, as first given. */
    public List<String> names() {
        return Arrays.stream(fields).map(Field::name).toList();
    }

    /** Every field as a map from name (as first given) to values, in insertion order. */
    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        forEach(map::put);
        return Collections.unmodifiableMap(map);
    }

    /** Each name (as first given) with its values, in insertion order, without building a map: for transports. */
    public void forEach(BiConsumer<String, List<String>> action) {
        for (Field field : fields) {
            action.accept(field.name(), field.values());
        }
    }

    /** A copy with this value added after any existing ones. */
    public HttpHeaders plus(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        int at = indexOf(name);
        return at < 0 ? appended(new Field(name, List.of(value)))
                : replaced(at, new Field(fields[at].name(), append(fields[at].values(), value)));
    }

    /** A copy with the header set to this one value, replacing any it had (in its place, under the name given now). */
    public HttpHeaders with(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Field field = new Field(name, List.of(value));
        int at = indexOf(name);
        return at < 0 ? appended(field) : replaced(at, field);
    }

    private HttpHeaders appended(Field field) {
        Field[] copy = Arrays.copyOf(fields, fields.length + 1);
        copy[fields.length] = field;
        return new HttpHeaders(copy);
    }

    private HttpHeaders replaced(int at, Field field) {
        Field[] copy = fields.clone();
        copy[at] = field;
        return new HttpHeaders(copy);
    }

    private Field field(String name) {
        int at = indexOf(name);
        return at < 0 ? null : fields[at];
    }

    private int indexOf(String name) {
        Name asked = new Name(name);
        for (int i = 0; i < fields.length; i++) {
            if (asked.names(fields[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A name asked for, compared with fields' names: the same field when both are equal once lower-cased in the root
     * locale. Names are tokens, ASCII in practice, and two ASCII names are compared in place; any other pair is
     * lower-cased, since Unicode case rules (a Kelvin sign, a dotted capital I) do not follow character by character.
     */
    private record Name(String name, boolean ascii) {

        Name(String name) {
            this(name, isAscii(name));
        }

        boolean names(Field field) {
            if (ascii && field.ascii()) {
                return name.length() == field.name().length()
                        && name.regionMatches(true, 0, field.name(), 0, name.length());
            }
            return key(name).equals(key(field.name()));
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
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
