package dev.hexatask.persistence;

import dev.hexatask.application.port.out.DatabaseCredentials;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Credentials given with the database's URL, for a laptop and for tests (in AWS they come from Secrets Manager).
 * Accepts {@code postgresql://user:password@host:5432/db} (libpq's form, {@code postgres://} too),
 * {@code jdbc:postgresql://host/db?user=..&password=..}, or a URL plus a separate user name and password. The
 * password is never shown by {@link #toString()}.
 */
public final class UrlDatabaseCredentials implements DatabaseCredentials {

    private final String jdbcUrl;
    private final Credentials credentials;

    private UrlDatabaseCredentials(String jdbcUrl, Credentials credentials) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = credentials;
    }

    /** Reads the user name and password from the URL. */
    public static UrlDatabaseCredentials fromUrl(String url) {
        Parsed parsed = parse(url);
        if (parsed.username == null || parsed.password == null) {
            throw new IllegalArgumentException(
                    "the database URL must hold a user name and a password (user:password@host, or user= and "
                            + "password= parameters)");
        }
        return new UrlDatabaseCredentials(parsed.jdbcUrl, new Credentials(parsed.username, parsed.password));
    }

    /** The URL (any user name or password in it is dropped) with these credentials. */
    public static UrlDatabaseCredentials of(String url, String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        return new UrlDatabaseCredentials(parse(url).jdbcUrl, new Credentials(username, password));
    }

    /** The {@code jdbc:postgresql:} URL without the credentials, for {@link DatabaseSettings}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public Credentials current() {
        return credentials;
    }

    @Override
    public Credentials refresh() {
        return credentials;
    }

    @Override
    public String toString() {
        return "UrlDatabaseCredentials[" + jdbcUrl + ", " + credentials + "]";
    }

    private record Parsed(String jdbcUrl, String username, String password) {
    }

    private static Parsed parse(String url) {
        Objects.requireNonNull(url, "url");
        String withoutJdbc = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        if (!withoutJdbc.startsWith("postgresql://") && !withoutJdbc.startsWith("postgres://")) {
            throw new IllegalArgumentException(
                    "the database URL must start with jdbc:postgresql://, postgresql:// or postgres://");
        }
        URI uri;
        try {
            uri = new URI(withoutJdbc);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the database URL is malformed (percent-encode special characters in "
                    + "the user name and password)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the database URL must name a host");
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            username = percentDecoded(userInfo[0]);
            password = userInfo.length == 2 ? percentDecoded(userInfo[1]) : null;
        }
        List<String> kept = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                String[] pair = parameter.split("=", 2);
                String value = pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "";
                switch (pair[0]) {
                    case "user" -> username = value;
                    case "password" -> password = value;
                    default -> kept.add(parameter);
                }
            }
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() != -1) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (!kept.isEmpty()) {
            jdbc.append('?').append(String.join("&", kept));
        }
        return new Parsed(jdbc.toString(), username, password);
    }

    private static String percentDecoded(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
