package dev.hexatask.domain;

import dev.hexatask.domain.task.Description;
import dev.hexatask.domain.task.Tag;
import dev.hexatask.domain.task.Tags;
import dev.hexatask.domain.task.TaskId;
import dev.hexatask.domain.task.Title;
import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Text;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever text arrives, value objects either hold a valid value or refuse it with a domain error. */
class ValueObjectPropertiesTest {

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(260),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(230),
                Arbitraries.strings().withChars("aZ09 \t\n\u0000\u200B\uD83D\uDE80\uD800-_%").ofMaxLength(210));
    }

    @Property(tries = 500)
    void aTitleIsValidOrRefused(@ForAll("anyText") String raw) {
        try {
            Title title = Title.of(raw);
            assertThat(title.value()).isEqualTo(raw.strip());
            assertThat(Text.length(title.value())).isBetween(1, 200);
            assertThat(Text.hasControlCharacter(title.value())).isFalse();
            assertThat(Text.hasLoneSurrogate(title.value())).isFalse();
            assertThat(Title.of(title.value())).isEqualTo(title);
        } catch (DomainValidationException e) {
            assertThat(e.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.field()).isEqualTo("title"));
        }
    }

    @Property(tries = 300)
    void aDescriptionIsKeptExactlyOrRefused(@ForAll("anyText") String raw) {
        try {
            assertThat(new Description(raw).value()).isEqualTo(raw);
            assertThat(raw.indexOf('\u0000')).isEqualTo(-1);
        } catch (DomainValidationException e) {
            assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("description"));
        }
    }

    @Property(tries = 500)
    void tagsAreNormalizedOrRefused(@ForAll @Size(max = 14) List<@net.jqwik.api.constraints.StringLength(max = 36)
            String> raw) {
        try {
            Tags tags = Tags.of(raw);
            assertThat(tags.values()).hasSizeLessThanOrEqualTo(10);
            assertThat(new HashSet<>(tags.values())).hasSameSizeAs(tags.values());
            assertThat(tags.names()).allSatisfy(name -> assertThat(name).matches("[a-z0-9-]{1,32}"));
            assertThat(Tags.of(tags.names())).isEqualTo(tags);
        } catch (DomainValidationException e) {
            assertThat(e.violations()).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.field()).matches("tags(\\[\\d+])?"));
        }
    }

    @Property(tries = 300)
    void aTagAcceptsExactlyItsAlphabet(@ForAll("anyText") String raw) {
        boolean valid = raw.toLowerCase(java.util.Locale.ROOT).matches("[a-z0-9-]{1,32}");
        try {
            Tag.of(raw);
            assertThat(valid).isTrue();
        } catch (DomainValidationException e) {
            assertThat(valid).isFalse();
        }
    }

    @Property(tries = 200)
    void taskIdsRoundTripThroughText(@ForAll("uuids") UUID uuid) {
        assertThat(TaskId.parse(TaskId.of(uuid).toString()).value()).isEqualTo(uuid);
    }

    @Provide
    Arbitrary<UUID> uuids() {
        return Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
    }
}
