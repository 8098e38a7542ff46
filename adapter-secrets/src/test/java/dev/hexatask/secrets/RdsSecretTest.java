package dev.hexatask.secrets;

import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RdsSecretTest {

    @Test
    void toStringShowsWhereAndWhoButNeverThePassword() {
        var secret = new RdsSecret("app", "s3cr3t-Value", "db.example.internal", 5432, "hexatask", "postgres");

        assertThat(secret.toString()).contains("app", "db.example.internal", "5432", "hexatask")
                .doesNotContain("s3cr3t-Value");
        assertThat(secret.credentials().toString()).doesNotContain("s3cr3t-Value");
    }

    @Test
    void buildsATlsJdbcUrlWithoutCredentials() {
        var secret = new RdsSecret("app", "s3cr3t-Value", "db.abc.eu-west-1.rds.amazonaws.com", 5432, "hexatask",
                "postgres");

        assertThat(secret.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.abc.eu-west-1.rds.amazonaws.com:5432/hexatask?sslmode=require");
    }

    @Test
    void bracketsAnIpv6Host() {
        var secret = new RdsSecret("app", "pw", "fd00:ec2::23", 5433, "hexatask", "postgres");

        var properties = Driver.parseURL(secret.jdbcUrl(), null);

        assertThat(properties).isNotNull();
        assertThat(properties.getProperty("PGHOST")).isEqualTo("[fd00:ec2::23]");
        assertThat(properties.getProperty("PGPORT")).isEqualTo("5433");
    }

    @Test
    void theDriverReadsBackEveryNaughtyDatabaseNameExactly() {
        for (var naughty : NaughtyStrings.all()) {
            if (naughty.isEmpty()) {
                continue;
            }
            var secret = new RdsSecret("app", "pw", "db.internal", 5432, naughty, "postgres");

            var properties = Driver.parseURL(secret.jdbcUrl(), null);

            assertThat(properties).as("URL for %s", naughty).isNotNull();
            assertThat(properties.getProperty("PGDBNAME")).isEqualTo(naughty);
            assertThat(properties.getProperty("PGHOST")).isEqualTo("db.internal");
            assertThat(properties.getProperty("sslmode")).isEqualTo("require");
        }
    }

    @Test
    void refusesAPortOutOfRange() {
        assertThatThrownBy(() -> new RdsSecret("app", "pw", "db", 0, "hexatask", "postgres"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    }
}
