package dev.hexatask.persistence;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseSettingsTest {

    private static final String URL = "jdbc:postgresql://localhost/hexatask";

    @Test
    void a_server_pools_ten_connections_and_a_lambda_one() {
        assertThat(DatabaseSettings.forServer(URL).poolSize()).isEqualTo(10);
        assertThat(DatabaseSettings.forLambda(URL).poolSize()).isEqualTo(1);
        assertThat(DatabaseSettings.forServer(URL).statementTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(DatabaseSettings.forServer(URL).connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(DatabaseSettings.forLambda(URL).transactionTimeout()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void refuses_settings_that_cannot_work() {
        assertThatThrownBy(() -> DatabaseSettings.forServer("jdbc:mysql://localhost/x"))
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> DatabaseSettings.forServer(URL).withPoolSize(0)).hasMessageContaining("pool size");
        assertThatThrownBy(() -> DatabaseSettings.forServer(URL).withConnectionTimeout(Duration.ofMillis(100)))
                .hasMessageContaining("250 ms");
        assertThatThrownBy(() -> DatabaseSettings.forServer(URL).withInFlightWait(Duration.ofSeconds(10)))
                .hasMessageContaining("shorter than the statement timeout");
        assertThat(DatabaseSettings.forServer(URL).withConnectionTimeout(Duration.ofSeconds(5)).transactionTimeout())
                .isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> DatabaseSettings.forServer(URL).withConnectionTimeout(Duration.ofSeconds(5))
                .withTransactionTimeout(Duration.ofSeconds(5)))
                .hasMessageContaining("transaction timeout must be longer than the connection timeout");
        assertThatThrownBy(() -> DatabaseSettings.forServer(URL).withTransactionTimeout(Duration.ofSeconds(3)))
                .hasMessageContaining("and the in-flight wait");
    }
}
