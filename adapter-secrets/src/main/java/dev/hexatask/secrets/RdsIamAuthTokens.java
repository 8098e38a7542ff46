package dev.hexatask.secrets;

import dev.hexatask.application.port.out.DatabaseCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Database credentials for IAM authentication (RDS Proxy in AWS): the password is an authentication token that
 * {@link RdsUtilities#generateAuthenticationToken} signs locally with the execution role's credentials. A token is
 * good for {@link #TOKEN_LIFETIME} and is only checked when a connection signs in, so the one held is reused until
 * {@link #REFRESH_AFTER}, well before it expires; a new one is made after that and whenever the database refused the
 * last. The user name comes from {@code users} (the application's secret, whose alternating-users rotation switches
 * between two), read again with it when the database refused a sign-in, and the token is made for that user.
 */
public final class RdsIamAuthTokens implements DatabaseCredentials {

    /** What RDS accepts a token for. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    /** A token older than this is not handed out: a connection being opened then still has minutes left. */
    public static final Duration REFRESH_AFTER = Duration.ofMinutes(10);

    private final RdsUtilities rds;
    private final String host;
    private final int port;
    private final DatabaseCredentials users;
    private final Clock clock;

    private final Object lock = new Object();
    private Token held;

    private record Token(String username, String value, Instant madeAt) {
    }

    /**
     * @param credentials the execution role's, which sign the tokens
     * @param users       whose current user name each token is for (its password is not used)
     */
    public RdsIamAuthTokens(Region region, AwsCredentialsProvider credentials, String host, int port,
                            DatabaseCredentials users, Clock clock) {
        this(RdsUtilities.builder().region(Objects.requireNonNull(region, "region"))
                .credentialsProvider(Objects.requireNonNull(credentials, "credentials")).build(),
                host, port, users, clock);
    }

    RdsIamAuthTokens(RdsUtilities rds, String host, int port, DatabaseCredentials users, Clock clock) {
        this.rds = Objects.requireNonNull(rds, "rds");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, was " + port);
        }
    }

    @Override
    public Credentials current() {
        var user = users.current().username();
        synchronized (lock) {
            var now = clock.instant();
            if (held == null || !held.username().equals(user) || !now.isBefore(held.madeAt().plus(REFRESH_AFTER))) {
                held = generate(user, now);
            }
            return new Credentials(user, held.value());
        }
    }

    @Override
    public Credentials refresh() {
        var user = users.refresh().username();
        synchronized (lock) {
            held = generate(user, clock.instant());
            return new Credentials(user, held.value());
        }
    }

    /**
     * The JDBC URL for this host: TLS with the certificate and host name verified against the JDK's trusted roots
     * (RDS Proxy's certificates chain to Amazon's root CAs, which the JDK trusts), since the token is a bearer
     * credential for its 15 minutes.
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database
                + "?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";
    }

    private Token generate(String user, Instant now) {
        var token = rds.generateAuthenticationToken(request -> request.hostname(host).port(port).username(user));
        return new Token(user, token, now);
    }

    @Override
    public String toString() {
        return "RdsIamAuthTokens[" + host + ":" + port + "]";
    }
}
