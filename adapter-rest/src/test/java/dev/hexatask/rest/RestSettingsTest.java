package dev.hexatask.rest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RestSettingsTest {

    @Test
    void acceptsOriginsAsBrowsersSendThem() {
        assertThat(RestSettings.allowingOrigins(List.of("https://app.example.com", "http://localhost:5173"))
                .allowedOrigins()).containsExactlyInAnyOrder("https://app.example.com", "http://localhost:5173");
    }

    @Test
    void refusesWhatCanNeverMatchAnOrigin() {
        for (String origin : List.of("*", "https://app.example.com/", "app.example.com", "https://App.example.com",
                "ftp://example.com", "https://example.com/path", "https://user@example.com")) {
            assertThatIllegalArgumentException().isThrownBy(() -> RestSettings.allowingOrigins(List.of(origin)))
                    .withMessageContaining(origin);
        }
    }
}
