package dev.hexatask.persistence.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 17 server of a test's own that behaves as RDS does for a client: TLS on (with a self-signed
 * certificate for {@code localhost} made here with the JDK's {@code keytool}), and every user but the superuser
 * must sign in over TLS with its password (SCRAM-SHA-256); a connection without TLS is refused. So a URL built
 * from an RDS secret ({@code sslmode=require}) connects as in AWS, and a changed password is refused as there.
 * The superuser ({@code postgres}) is trusted on localhost, for the test's own setup.
 */
public final class TlsPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path certificates;

    private TlsPostgres(EmbeddedPostgres postgres, Path certificates) {
        this.postgres = postgres;
        this.certificates = certificates;
    }

    public static TlsPostgres start() {
        try {
            Path certificates = Files.createTempDirectory("hexatask-tls-pg-certs");
            Path certificate = certificates.resolve("server.crt");
            Path key = certificates.resolve("server.key");
            selfSignedCertificate(certificates, certificate, key);
            Path dataDirectory = Files.createTempDirectory("hexatask-tls-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", certificate.toString())
                    .setServerConfig("ssl_key_file", key.toString())
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "100")
                    .start();
            TlsPostgres server = new TlsPostgres(postgres, certificates);
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    hostnossl all all 127.0.0.1/32 reject
                    hostnossl all all ::1/128 reject
                    hostssl all all 127.0.0.1/32 scram-sha-256
                    hostssl all all ::1/128 scram-sha-256
                    """);
            server.execute("select pg_reload_conf()");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL with TLS did not start", e);
        }
    }

    /** A key pair and a certificate for localhost, valid two days, as PEM files PostgreSQL reads. */
    private static void selfSignedCertificate(Path folder, Path certificate, Path key) throws IOException {
        Path keyStore = folder.resolve("server.p12");
        String password = "local-test-only";
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-storetype", "PKCS12", "-keystore",
                keyStore.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not make a certificate: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a certificate", e);
        }
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            Key privateKey = store.getKey("server", password.toCharArray());
            Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate("server").getEncoded()));
            Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
            // PostgreSQL refuses a key file that others may read.
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (GeneralSecurityException e) {
            throw new IOException("could not read the certificate keytool made", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public String host() {
        return "localhost";
    }

    public int port() {
        return postgres.getPort();
    }

    /** The database's URL asking for TLS, as one built from an RDS secret does. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database + "?sslmode=require";
    }

    /** A connection as the superuser to {@code database}. */
    public Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/" + database, SUPERUSER, "");
    }

    /** Runs statements as the superuser on the {@code postgres} database. */
    public void execute(String... statements) {
        try (Connection connection = superuser("postgres"); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed on the TLS PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * A user that owns a new database of its name and may create roles (as RDS's master user may), signing in with
     * {@code password} over TLS.
     */
    public void createOwner(String user, String password) {
        try (Connection connection = superuser("postgres")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create role " + user + " login createrole");
            }
            connection.unwrap(org.postgresql.PGConnection.class).alterUserPassword(user, password.toCharArray(),
                    "scram-sha-256");
            try (Statement statement = connection.createStatement()) {
                statement.execute("create database " + user + " owner " + user + " encoding 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create " + user + ": " + e.getMessage(), e);
        }
    }

    /** The users of the sessions of {@code applicationName} now, each once, sorted. */
    public List<String> sessionUsers(String applicationName) {
        try (Connection connection = superuser("postgres");
             PreparedStatement statement = connection.prepareStatement("select distinct usename from "
                     + "pg_stat_activity where application_name = ? order by usename")) {
            statement.setString(1, applicationName);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> users = new java.util.ArrayList<>();
                while (rows.next()) {
                    users.add(rows.getString(1));
                }
                return users;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether every session of {@code applicationName} is encrypted. */
    public boolean allSessionsUseTls(String applicationName) {
        try (Connection connection = superuser("postgres");
             PreparedStatement statement = connection.prepareStatement("select count(*) filter (where not s.ssl), "
                     + "count(*) from pg_stat_activity a join pg_stat_ssl s using (pid) where a.application_name = ?")) {
            statement.setString(1, applicationName);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1) == 0 && row.getLong(2) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code user} can sign in to {@code database} with {@code password} now. */
    public boolean signsIn(String database, String user, String password) {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl(database), user, password)) {
            return true;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("signing in failed otherwise: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
        try (var files = Files.list(certificates)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(certificates);
    }
}
