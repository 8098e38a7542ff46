package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Validation;
import dev.hexatask.domain.validation.Violation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A task's labels: at most 10 distinct tags (duplicates after lower-casing are merged), in the order first given. */
public record Tags(List<Tag> values) {

    public static final int MAX_COUNT = 10;
    public static final Tags NONE = new Tags(List.of());

    public Tags {
        Objects.requireNonNull(values, "values");
        Set<Tag> distinct = new LinkedHashSet<>(values);
        if (distinct.size() > MAX_COUNT) {
            throw new DomainValidationException(
                    new Violation("tags", "too_many", "must hold at most " + MAX_COUNT + " distinct tags"));
        }
        values = List.copyOf(distinct);
    }

    /** Validates every tag and reports each bad one by its position, e.g. {@code tags[3]}. */
    public static Tags of(Collection<String> raw) {
        if (raw == null) {
            return NONE;
        }
        Validation validation = new Validation();
        List<Tag> tags = new ArrayList<>(raw.size());
        int index = 0;
        for (String value : raw) {
            String field = "tags[" + index++ + "]";
            String normalized = validation.check(() -> Tag.normalize(field, value));
            if (normalized != null) {
                tags.add(new Tag(normalized));
            }
        }
        validation.check(() -> new Tags(tags));
        validation.throwIfInvalid();
        return new Tags(tags);
    }

    public boolean contains(Tag tag) {
        return values.contains(tag);
    }

    public List<String> names() {
        return values.stream().map(Tag::value).toList();
    }
}
