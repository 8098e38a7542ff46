package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagsTest {

    private static List<String> distinct(int count) {
        return IntStream.range(0, count).mapToObj(i -> "tag-" + i).toList();
    }

    @Test
    void keepsTenTags() {
        assertThat(Tags.of(distinct(10)).names()).containsExactlyElementsOf(distinct(10));
    }

    @Test
    void refusesElevenTags() {
        assertThatThrownBy(() -> Tags.of(distinct(11)))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("tags", "too_many", "must hold at most 10 distinct tags")));
    }

    @Test
    void mergesDuplicatesAfterLowerCasingKeepingFirstOrder() {
        assertThat(Tags.of(List.of("Work", "home", "WORK", "work")).names()).containsExactly("work", "home");
    }

    @Test
    void countsTagsAfterMergingDuplicates() {
        List<String> tags = new ArrayList<>(distinct(10));
        tags.add("TAG-0");
        assertThat(Tags.of(tags).values()).hasSize(10);
    }

    @Test
    void mergesRepeatsInAShortListOfTagsAsInALongOne() {
        assertThat(new Tags(List.of(Tag.of("a"), Tag.of("b"), Tag.of("a"))).values())
                .containsExactly(Tag.of("a"), Tag.of("b"));
        List<Tag> repeats = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            repeats.add(Tag.of("tag-" + (i % 3)));
        }
        assertThat(new Tags(repeats).names()).containsExactly("tag-0", "tag-1", "tag-2");
        List<Tag> elevenDistinctAtTheEnd = new ArrayList<>(repeats);
        distinct(11).forEach(name -> elevenDistinctAtTheEnd.add(Tag.of(name)));
        assertThatThrownBy(() -> new Tags(elevenDistinctAtTheEnd))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("too_many"));
    }

    @Test
    void theNamesCannotBeChanged() {
        List<String> names = Tags.of(distinct(3)).names();
        assertThat(names).containsExactly("tag-0", "tag-1", "tag-2");
        assertThatThrownBy(() -> names.add("more")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsTagsOfOneAndThirtyTwoCharacters() {
        assertThat(Tags.of(List.of("a", "b".repeat(32))).names()).containsExactly("a", "b".repeat(32));
    }

    @Test
    void refusesATagOfThirtyThreeCharacters() {
        assertThatThrownBy(() -> Tag.of("b".repeat(33)))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("too_long"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "under_score", "émoji", "tab\t", "a/b", "\u0130stanbul", "%", "a.b"})
    void refusesCharactersOutsideTheAlphabet(String tag) {
        assertThatThrownBy(() -> Tag.of(tag))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("tag", "pattern",
                                "may contain only letters a-z, digits and '-'")));
    }

    @Test
    void refusesAnEmptyTag() {
        assertThatThrownBy(() -> Tag.of("")).isInstanceOfSatisfying(DomainValidationException.class,
                e -> assertThat(e.violations().getFirst().rule()).isEqualTo("required"));
        assertThatThrownBy(() -> Tag.of(null)).isInstanceOf(DomainValidationException.class);
    }

    @Test
    void reportsEveryBadTagByPosition() {
        assertThatThrownBy(() -> Tags.of(Arrays.asList("ok", "not ok", null, "x".repeat(40))))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field, Violation::rule)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("tags[1]", "pattern"),
                                org.assertj.core.groups.Tuple.tuple("tags[2]", "required"),
                                org.assertj.core.groups.Tuple.tuple("tags[3]", "too_long")));
    }

    @Test
    void noTagsForNull() {
        assertThat(Tags.of(null)).isEqualTo(Tags.NONE);
        assertThat(Tags.NONE.values()).isEmpty();
    }

    @Test
    void answersWhetherItContainsATag() {
        Tags tags = Tags.of(List.of("home"));
        assertThat(tags.contains(Tag.of("HOME"))).isTrue();
        assertThat(tags.contains(Tag.of("work"))).isFalse();
    }

    @Test
    void tagsCompareAlphabetically() {
        assertThat(Tag.of("a").compareTo(Tag.of("b"))).isNegative();
        assertThat(Tag.of("b").compareTo(Tag.of("a"))).isPositive();
        assertThat(Tag.of("A").toString()).isEqualTo("a");
    }

    @Test
    void theListIsUnmodifiable() {
        Tags tags = Tags.of(List.of("a"));
        assertThatThrownBy(() -> tags.values().add(Tag.of("b"))).isInstanceOf(UnsupportedOperationException.class);
    }
}
