package dev.hexatask.javalin.http;

import dev.hexatask.javalin.NaughtyStrings;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class QueryStringsTest {

    @Test
    void everyNaughtyStringSurvivesEncodingAndDecoding() {
        List<String> strings = NaughtyStrings.all();
        assertThat(strings).hasSizeGreaterThan(500);
        for (String naughty : strings) {
            String encoded = URLEncoder.encode(naughty, StandardCharsets.UTF_8);
            assertThat(QueryStrings.parse("q=" + encoded + "&q=" + encoded.replace("+", "%20")))
                    .as(naughty).isEqualTo(Map.of("q", List.of(naughty, naughty)));
        }
    }

    @Test
    void namesAndValuesKeepTheirOrderAndRepeats() {
        assertThat(QueryStrings.parse("status=TODO&tag=a+b&status=DONE&flag&=x&&limit="))
                .containsExactly(Map.entry("status", List.of("TODO", "DONE")), Map.entry("tag", List.of("a b")),
                        Map.entry("flag", List.of("")), Map.entry("", List.of("x")), Map.entry("limit", List.of("")));
    }

    @Test
    void malformedEscapesAndBadUtf8AreKeptForTheApiToJudge() {
        assertThat(QueryStrings.parse("q=%zz&r=%&s=%4&t=%C0%AF&u=%E2%82")).containsExactly(
                Map.entry("q", List.of("%zz")), Map.entry("r", List.of("%")), Map.entry("s", List.of("%4")),
                Map.entry("t", List.of("\uFFFD\uFFFD")), Map.entry("u", List.of("\uFFFD")));
        for (String raw : NaughtyStrings.all()) {
            assertThatCode(() -> QueryStrings.parse(raw)).as(raw).doesNotThrowAnyException();
        }
    }
}
