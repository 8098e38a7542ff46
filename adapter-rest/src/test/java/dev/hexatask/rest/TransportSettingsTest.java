package dev.hexatask.rest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TransportSettingsTest {

    @Test
    void readsTheStageAndTheOriginsWithDefaults() {
        List<String> problems = new ArrayList<>();
        TransportSettings unset = TransportSettings.fromEnvironment(Map.of(), problems);
        TransportSettings set = TransportSettings.fromEnvironment(Map.of("HEXATASK_STAGE", " staging ",
                "CORS_ALLOWED_ORIGINS", "http://localhost:5173, https://app.example.com,"), problems);

        assertThat(problems).isEmpty();
        assertThat(unset.stage()).isEqualTo("local");
        assertThat(unset.rest().allowedOrigins()).isEmpty();
        assertThat(set.stage()).isEqualTo("staging");
        assertThat(set.rest().allowedOrigins()).containsExactlyInAnyOrder("http://localhost:5173",
                "https://app.example.com");
    }

    @Test
    void eachBadValueIsOneLineNamingItsVariable() {
        for (String stage : List.of("Prod", "prod_1", "-dev", "a".repeat(33), "dev stage")) {
            List<String> problems = new ArrayList<>();
            assertThat(TransportSettings.fromEnvironment(Map.of("HEXATASK_STAGE", stage), problems).stage())
                    .as(stage).isNull();
            assertThat(problems).as(stage).singleElement().asString().startsWith("HEXATASK_STAGE must be");
        }
        List<String> problems = new ArrayList<>();
        assertThat(TransportSettings.fromEnvironment(Map.of("CORS_ALLOWED_ORIGINS", "https://app.example.com/x"),
                problems).rest()).isNull();
        assertThat(problems).singleElement().asString().startsWith("CORS_ALLOWED_ORIGINS must be");
    }
}
