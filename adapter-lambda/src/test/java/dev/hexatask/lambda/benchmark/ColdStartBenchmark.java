package dev.hexatask.lambda.benchmark;

import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.persistence.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Cold start of the API function on this machine (a command, not a test): five fresh JVMs with the Lambda runtime's
 * flags for the real handler and five for a hello-world handler, interleaved, against embedded PostgreSQL 17 and a
 * local identity provider; then five startup profiles naming what each library's first use costs. Prints medians
 * as a Markdown section, also written to {@code target/cold-start.md}.
 *
 * <p>Arguments: the function's classes directory and its dependency directory ({@code target/lib}).
 */
public final class ColdStartBenchmark {

    private static final int RUNS = 5;
    /** What the Lambda Java runtime starts the JVM with (plus its default serial collector). */
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    private ColdStartBenchmark() {
    }

    record Run(Map<String, Long> millis, Map<String, Long> classes, Map<String, Long> cpu,
               Map<String, String> details) {
    }

    public static void main(String[] args) throws Exception {
        String classPath = args[0] + File.pathSeparator + Path.of(args[1]).toAbsolutePath() + File.separator + "*";
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             TestIdentityProvider identityProvider = TestIdentityProvider.start()) {
            String database = "hexatask_bench";
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("create database " + database);
            }
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(postgres.getJdbcUrl("postgres", database));
            Migrations.migrate(dataSource);
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("HEXATASK_STAGE", "bench");
            environment.put("DATABASE_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database
                    + "?user=postgres&password=postgres");
            environment.put("OIDC_ISSUER", identityProvider.issuer());
            environment.put("OIDC_CLIENT_IDS", identityProvider.clientId());
            environment.put("OIDC_REQUIRED_SCOPE", "hexatask/api");
            environment.put("CORS_ALLOWED_ORIGINS", "https://app.hexatask.test");
            environment.put("BENCHMARK_AUTHORIZATION",
                    identityProvider.authorizationHeader(UUID.randomUUID().toString(), "bench"));

            String loadBefore = loadAverage();
            probe(classPath, environment, "api");
            probe(classPath, environment, "hello");
            List<Run> api = new ArrayList<>();
            List<Run> hello = new ArrayList<>();
            List<Run> profiles = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                api.add(probe(classPath, environment, "api"));
                hello.add(probe(classPath, environment, "hello"));
                profiles.add(probe(classPath, environment, "profile"));
            }
            String report = report(api, hello, profiles) + "\nLoad average (1, 5, 15 min) before the runs: "
                    + loadBefore + "; after: " + loadAverage() + ".\n";
            System.out.println(report);
            Path out = Path.of(args[0]).getParent().resolve("cold-start.md");
            Files.writeString(out, report);
            System.out.println("(written to " + out + ")");
        }
    }

    private static Run probe(String classPath, Map<String, String> environment, String mode)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_FLAGS);
        command.addAll(List.of("-cp", classPath, "dev.hexatask.lambda.local.ColdStartProbe", mode));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        long started = System.currentTimeMillis();
        Process process = builder.start();
        Map<String, Long> millis = new LinkedHashMap<>();
        Map<String, Long> classes = new LinkedHashMap<>();
        Map<String, Long> cpu = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.add(line);
                if (line.startsWith("@")) {
                    String[] parts = line.substring(1).split(" ", 5);
                    millis.put(parts[0], Long.parseLong(parts[1]) - started);
                    classes.put(parts[0], Long.parseLong(parts[2]));
                    cpu.put(parts[0], Long.parseLong(parts[3]));
                    details.put(parts[0], parts.length > 4 ? parts[4] : "");
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("probe " + mode + " failed:\n" + String.join("\n", output));
        }
        return new Run(millis, classes, cpu, details);
    }

    private static String report(List<Run> api, List<Run> hello, List<Run> profiles) {
        var runtime = ManagementFactory.getRuntimeMXBean();
        StringBuilder md = new StringBuilder();
        md.append("## Lambda cold start (adapter-lambda)\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append("), JDK ").append(runtime.getVmVendor()).append(' ').append(runtime.getSpecVersion())
                .append(" (").append(runtime.getVmVersion()).append("). JVM flags: ")
                .append(String.join(" ", LAMBDA_FLAGS)).append(". Medians of ").append(RUNS)
                .append(" fresh JVMs each, interleaved, milliseconds from process start; `GET /tasks` with a real ")
                .append("RS256 token (JWKS over local HTTP) against embedded PostgreSQL 17 (pool of 1, ")
                .append("`DATABASE_URL`). Command: `./mvnw -q -pl adapter-lambda -am verify -DskipTests ")
                .append("-Pcold-start-benchmark`.\n\n");
        md.append("| handler | JVM up (main) | handler constructed | first response | first request alone | ")
                .append("second request alone | CPU used until first response | classes loaded after second |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (var entry : Map.of("ApiHandler", api, "hello world", hello).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            List<Run> runs = entry.getValue();
            md.append("| ").append(entry.getKey())
                    .append(" | ").append(median(runs, r -> r.millis().get("main")))
                    .append(" | ").append(median(runs, r -> r.millis().get("constructed")))
                    .append(" | ").append(median(runs, r -> r.millis().get("first")))
                    .append(" | ").append(median(runs, r -> r.millis().get("first") - r.millis().get("constructed")))
                    .append(" | ").append(median(runs, r -> r.millis().get("second") - r.millis().get("first")))
                    .append(" | ").append(median(runs, r -> r.cpu().get("first")))
                    .append(" | ").append(median(runs, r -> r.classes().get("second")))
                    .append(" |\n");
        }
        md.append("\nStatuses seen: ApiHandler ").append(api.getFirst().details().get("first")).append('/')
                .append(api.getFirst().details().get("second")).append(".\n\n");
        md.append("Startup profile (each library's first use, in request order, in a fresh JVM; medians):\n\n");
        md.append("| phase | ms | CPU ms | classes loaded |\n| --- | ---: | ---: | ---: |\n");
        String previous = "main";
        for (String phase : List.of("logback", "jackson", "nimbus", "driver", "connect", "hikari", "jooqconfig",
                "jooq", "sdk", "dagger")) {
            String from = previous;
            md.append("| ").append(describe(phase)).append(" | ")
                    .append(median(profiles, r -> r.millis().get(phase) - r.millis().get(from))).append(" | ")
                    .append(median(profiles, r -> r.cpu().get(phase) - r.cpu().get(from))).append(" | ")
                    .append(median(profiles, r -> r.classes().get(phase) - r.classes().get(from))).append(" |\n");
            previous = phase;
        }
        md.append("| (JVM start to main, for reference) | ").append(median(profiles, r -> r.millis().get("main")))
                .append(" | ").append(median(profiles, r -> r.cpu().get("main"))).append(" | ").append(median(profiles, r -> r.classes().get("main"))).append(" |\n");
        return md.toString();
    }

    /** What else the machine was doing, from /proc/loadavg where there is one. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String describe(String phase) {
        return switch (phase) {
            case "logback" -> "SLF4J + logback configuration (JSON encoder)";
            case "jackson" -> "Jackson: first ObjectMapper write and read";
            case "nimbus" -> "Nimbus: verifier built, JWKS fetched, first RS256 token verified";
            case "driver" -> "PostgreSQL driver loaded";
            case "connect" -> "first plain JDBC connection (DriverManager, no pool)";
            case "hikari" -> "HikariCP pool started, its first connection";
            case "jooqconfig" -> "jOOQ configuration (PostgresPersistence started: DSL, transactions)";
            case "jooq" -> "jOOQ: first query rendered and run (cursor key)";
            case "sdk" -> "AWS SDK: Secrets Manager client built (URLConnection, no call)";
            case "dagger" -> "Dagger component + RestApi (routes, services) built";
            default -> phase;
        };
    }

    private static long median(List<Run> runs, Function<Run, Long> value) {
        List<Long> values = new ArrayList<>(runs.stream().map(value).toList());
        values.sort(Long::compare);
        return values.get(values.size() / 2);
    }
}
