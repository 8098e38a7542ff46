package dev.hexatask.rest.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpHeadersTest {

    @Test
    void namesAreComparedWithoutCase() {
        HttpHeaders headers = HttpHeaders.of("Content-Type", "application/json", "x-request-id", "abc");
        assertThat(headers.first("content-type")).contains("application/json");
        assertThat(headers.first("CONTENT-TYPE")).contains("application/json");
        assertThat(headers.all("X-Request-ID")).containsExactly("abc");
        assertThat(headers.contains("X-REQUEST-ID")).isTrue();
        assertThat(headers.contains("Content-Typ")).isFalse();
        assertThat(headers.contains("Content-Types")).isFalse();
        assertThat(headers.first("Origin")).isEmpty();
        assertThat(headers.all("Origin")).isEmpty();
    }

    @Test
    void namesThatDifferOnlyInCaseAreOneFieldWithTheNameFirstGivenAndEveryValueInOrder() {
        Map<String, List<String>> received = new LinkedHashMap<>();
        received.put("Accept", List.of("a", "b"));
        received.put("Origin", List.of("https://x.example"));
        received.put("ACCEPT", List.of("c"));
        HttpHeaders headers = HttpHeaders.of(received);
        assertThat(headers.all("accept")).containsExactly("a", "b", "c");
        assertThat(headers.names()).containsExactly("Accept", "Origin");
        assertThat(headers.toMap()).containsExactly(Map.entry("Accept", List.of("a", "b", "c")),
                Map.entry("Origin", List.of("https://x.example")));
    }

    @Test
    void withReplacesEveryValueInPlaceUnderTheNameGivenNowAndLeavesTheOriginalAsItWas() {
        HttpHeaders original = HttpHeaders.of("Vary", "Accept", "ETag", "\"1\"", "vary", "Origin");
        HttpHeaders replaced = original.with("VARY", "Origin");
        assertThat(replaced.toMap()).containsExactly(Map.entry("VARY", List.of("Origin")),
                Map.entry("ETag", List.of("\"1\"")));
        assertThat(original.toMap()).containsExactly(Map.entry("Vary", List.of("Accept", "Origin")),
                Map.entry("ETag", List.of("\"1\"")));
        assertThat(original.with("Allow", "GET").names()).containsExactly("Vary", "ETag", "Allow");
        assertThat(original.names()).containsExactly("Vary", "ETag");
    }

    @Test
    void plusAddsAValueAfterTheExistingOnesUnderTheNameFirstGiven() {
        HttpHeaders headers = HttpHeaders.EMPTY.plus("Set-Thing", "1").plus("set-thing", "2").plus("Other", "x");
        assertThat(headers.toMap()).containsExactly(Map.entry("Set-Thing", List.of("1", "2")),
                Map.entry("Other", List.of("x")));
        assertThat(HttpHeaders.EMPTY.names()).isEmpty();
    }

    @Test
    void transportsSeeEachFieldOnceInOrder() {
        HttpHeaders headers = HttpHeaders.of("B", "1", "A", "2", "b", "3");
        List<String> seen = new ArrayList<>();
        headers.forEach((name, values) -> seen.add(name + "=" + values));
        assertThat(seen).containsExactly("B=[1, 3]", "A=[2]");
    }

    @Test
    void aMessageWithManyFieldsMergesThemAsOneWithFew() {
        HttpHeaders.Builder builder = HttpHeaders.builder();
        for (int i = 0; i < 200; i++) {
            builder.add("X-Field-" + i, "first");
        }
        for (int i = 199; i >= 0; i--) {
            builder.add("x-field-" + i, "second");
        }
        HttpHeaders headers = builder.build();
        assertThat(headers.names()).hasSize(200).startsWith("X-Field-0", "X-Field-1").endsWith("X-Field-199");
        for (int i = 0; i < 200; i++) {
            assertThat(headers.all("X-FIELD-" + i)).containsExactly("first", "second");
        }
    }

    @Test
    void nonAsciiNamesFollowTheRootLocalesLowerCase() {
        // U+212A (Kelvin sign) lower-cases to "k"; U+017F (long s) stays itself, although it upper-cases to "S".
        HttpHeaders headers = HttpHeaders.of("\u212A", "kelvin", "\u017F", "long s");
        assertThat(headers.all("k")).containsExactly("kelvin");
        assertThat(headers.all("K")).containsExactly("kelvin");
        assertThat(headers.contains("s")).isFalse();
        assertThat(headers.contains("S")).isFalse();
        assertThat(headers.all("\u017F")).containsExactly("long s");
        assertThat(HttpHeaders.of("\u0130", "dotted").contains("i\u0307")).isTrue();
        assertThat(HttpHeaders.of("\u0130", "dotted").contains("i")).isFalse();
    }

    @Test
    void equalWhenTheSameNamesHaveTheSameValues() {
        HttpHeaders headers = HttpHeaders.of("A", "1", "B", "2");
        assertThat(headers).isEqualTo(HttpHeaders.of("A", "1").plus("B", "2"));
        assertThat(headers).hasSameHashCodeAs(HttpHeaders.of("A", "1").plus("B", "2"));
        assertThat(headers).isNotEqualTo(HttpHeaders.of("A", "1", "B", "3"));
        assertThat(HttpHeaders.of(Map.of())).isSameAs(HttpHeaders.EMPTY);
    }

    @Test
    void refusesNullsAndUnpairedArguments() {
        assertThatThrownBy(() -> HttpHeaders.of("A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpHeaders.EMPTY.with("A", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> HttpHeaders.EMPTY.plus(null, "x")).isInstanceOf(NullPointerException.class);
        Map<String, List<String>> nullValue = new LinkedHashMap<>();
        nullValue.put("A", java.util.Arrays.asList("x", null));
        assertThatThrownBy(() -> HttpHeaders.of(nullValue)).isInstanceOf(NullPointerException.class);
    }
}
