package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Validation;
import dev.hexatask.domain.validation.Violation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** A task's labels: at most 10 distinct tags (duplicates after lower-casing are merged), in the order first given. */
public record Tags(List<Tag> values) {

    public static final int MAX_COUNT = 10;
    public static final Tags NONE = new Tags(List.of());

    public Tags {
        Objects.requireNonNull(values, "values");
        values = List.copyOf(hasDuplicates(values) ? distinct(values) : values);
        if (values.size() > MAX_COUNT) {
            throw tooMany();
        }
    }

    /**
     * Whether a tag repeats, compared pairwise: a task has a few tags, and every task read builds its tags, so no
     * set is built for them. A list longer than the limit is left to {@link #distinct}, which stops early.
     */
    private static boolean hasDuplicates(List<Tag> values) {
        if (values.size() > MAX_COUNT) {
            return true;
        }
        for (int i = 1; i < values.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (Objects.equals(values.get(i), values.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The distinct tags in the order first given; refused as soon as there are more than the limit. */
    private static List<Tag> distinct(List<Tag> values) {
        List<Tag> distinct = new ArrayList<>(MAX_COUNT + 1);
        for (Tag tag : values) {
            if (!distinct.contains(tag)) {
                distinct.add(tag);
                if (distinct.size() > MAX_COUNT) {
                    throw tooMany();
                }
            }
        }
        return distinct;
    }

    private static DomainValidationException tooMany() {
        return new DomainValidationException(
                new Violation("tags", "too_many", "must hold at most " + MAX_COUNT + " distinct tags"));
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
        String[] names = new String[values.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = values.get(i).value();
        }
        return List.of(names);
    }
}
