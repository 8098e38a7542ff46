package dev.hexatask.secrets;

import dev.hexatask.application.port.out.DatabaseCredentials;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A database secret in the shape RDS and its rotation functions use: where to connect and as whom. Read from
 * Secrets Manager by {@link SecretsManagerDatabaseCredentials}; a composition root builds the JDBC URL from it.
 * {@link #toString()} never shows the password.
 */
public record RdsSecret(String username, String password, String host, int port, String dbname, String engine) {

    public RdsSecret {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dbname, "dbname");
        Objects.requireNonNull(engine, "engine");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 1 to 65535");
        }
    }

    public DatabaseCredentials.Credentials credentials() {
        return new DatabaseCredentials.Credentials(username, password);
    }

    /**
     * The PostgreSQL JDBC URL of this database, TLS required (RDS always offers it). No user or password in it:
     * those come from {@link #credentials()} for each new connection, so a rotated password needs no new URL.
     */
    public String jdbcUrl() {
        var hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        // The driver URL-decodes the database name; encoding it keeps any name intact.
        var database = URLEncoder.encode(dbname, StandardCharsets.UTF_8);
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + database + "?sslmode=require";
    }

    @Override
    public String toString() {
        return "RdsSecret[username=" + username + ", password=****, host=" + host + ", port=" + port
                + ", dbname=" + dbname + ", engine=" + engine + "]";
    }
}
