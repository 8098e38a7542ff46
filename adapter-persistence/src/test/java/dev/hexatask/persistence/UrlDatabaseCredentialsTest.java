package dev.hexatask.persistence;

import dev.hexatask.application.port.out.DatabaseCredentials.Credentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlDatabaseCredentialsTest {

    @Test
    void reads_libpq_style_user_and_password_and_drops_them_from_the_jdbc_url() {
        UrlDatabaseCredentials parsed = UrlDatabaseCredentials.fromUrl(
                "postgresql://hexatask:s%40cret%2Bpass@db.internal:6543/hexatask?sslmode=require");

        assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/hexatask?sslmode=require");
        assertThat(parsed.current()).isEqualTo(new Credentials("hexatask", "s@cret+pass"));
        assertThat(parsed.refresh()).isEqualTo(parsed.current());
    }

    @Test
    void reads_user_and_password_parameters_of_a_jdbc_url() {
        UrlDatabaseCredentials parsed = UrlDatabaseCredentials.fromUrl(
                "jdbc:postgresql://localhost/hexatask?user=app&ssl=false&password=p%26ss%3Dword");

        assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/hexatask?ssl=false");
        assertThat(parsed.current()).isEqualTo(new Credentials("app", "p&ss=word"));
    }

    @Test
    void takes_separate_credentials_over_those_in_the_url() {
        UrlDatabaseCredentials parsed = UrlDatabaseCredentials.of("postgres://old:old@localhost:5432/db",
                "new-user", "new-password");

        assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/db");
        assertThat(parsed.current()).isEqualTo(new Credentials("new-user", "new-password"));
    }

    @Test
    void never_shows_the_password() {
        UrlDatabaseCredentials parsed = UrlDatabaseCredentials.fromUrl("postgresql://app:hunter2@localhost/db");

        assertThat(parsed.toString()).contains("app").doesNotContain("hunter2");
    }

    @Test
    void refuses_urls_that_are_not_postgresql_or_lack_credentials_without_echoing_them() {
        assertThatThrownBy(() -> UrlDatabaseCredentials.fromUrl("mysql://app:hunter2@localhost/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> UrlDatabaseCredentials.fromUrl("jdbc:postgresql://localhost/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user name and a password");
        assertThatThrownBy(() -> UrlDatabaseCredentials.fromUrl("postgresql://app:hun ter2@localhost/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hun ter2");
    }
}
