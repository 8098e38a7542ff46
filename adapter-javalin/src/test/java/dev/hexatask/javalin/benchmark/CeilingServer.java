package dev.hexatask.javalin.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ceiling for the server benchmark: the least a server on the same stack (Javalin on virtual threads, HikariCP
 * with 10 connections, PostgreSQL's driver, Jackson) does to answer {@code GET /api/tasks?limit=20}: the same
 * SELECT in autocommit, the same JSON shape, and, when {@code JWKS_URL} is set, the bearer token's RS256 signature
 * and expiry checked by Nimbus against that JWKS on every request (no cache). No validation, no problem details, no
 * headers beyond the content type. Not part of the product: {@code scripts/benchmark.sh} runs it.
 *
 * <p>Environment: {@code DATABASE_URL} (a {@code jdbc:postgresql:} URL with user and password), {@code PORT},
 * {@code OWNER} (whose tasks the page lists when no token is checked), {@code JWKS_URL} (optional).
 */
public final class CeilingServer {

    private static final String PAGE = "select id, title, description, status, priority_rank, due_date, tags, version,"
            + " created_at, updated_at, completed_at from tasks where owner = ? order by created_at desc, id desc"
            + " limit 21";
    private static final String[] PRIORITIES = {"LOW", "MEDIUM", "HIGH"};
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    record TaskJson(String id, String title, String description, String status, String priority, LocalDate dueDate,
                    List<String> tags, long version, Instant createdAt, Instant updatedAt, Instant completedAt) {
    }

    record PageJson(List<TaskJson> items, String nextCursor) {
    }

    private CeilingServer() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(System.getenv("DATABASE_URL"));
        pool.setMaximumPoolSize(10);
        pool.setMinimumIdle(10);
        HikariDataSource database = new HikariDataSource(pool);
        String owner = System.getenv().getOrDefault("OWNER", "bench");
        String jwksUrl = System.getenv("JWKS_URL");
        DefaultJWTProcessor<SecurityContext> tokens = jwksUrl == null ? null : processor(jwksUrl);

        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
            config.routes.get("/api/health", ctx -> ctx.result("{\"status\":\"UP\"}"));
            config.routes.get("/api/tasks", ctx -> page(ctx, database, tokens, owner));
        }).start();
    }

    private static DefaultJWTProcessor<SecurityContext> processor(String jwksUrl) throws Exception {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUrl).toURL())
                .cache(true).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        return processor;
    }

    private static void page(Context ctx, HikariDataSource database, DefaultJWTProcessor<SecurityContext> tokens,
                             String owner) throws Exception {
        String user = owner;
        if (tokens != null) {
            String header = ctx.header("Authorization");
            try {
                JWTClaimsSet claims = tokens.process(header.substring("Bearer ".length()), null);
                user = claims.getSubject();
            } catch (Exception e) {
                ctx.status(401);
                return;
            }
        }
        List<TaskJson> items = new ArrayList<>(21);
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement(PAGE)) {
            select.setString(1, user);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Array tags = rows.getArray(7);
                    OffsetDateTime completed = rows.getObject(11, OffsetDateTime.class);
                    LocalDate due = rows.getObject(6, LocalDate.class);
                    items.add(new TaskJson(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), PRIORITIES[rows.getShort(5)], due,
                            Arrays.asList((String[]) tags.getArray()), rows.getLong(8),
                            rows.getObject(9, OffsetDateTime.class).toInstant(),
                            rows.getObject(10, OffsetDateTime.class).toInstant(),
                            completed == null ? null : completed.toInstant()));
                }
            }
        }
        List<TaskJson> page = items.size() > 20 ? items.subList(0, 20) : items;
        ctx.contentType("application/json");
        ctx.result(JSON.writeValueAsBytes(new PageJson(page, items.size() > 20 ? "next" : null)));
    }
}
