package dev.hexatask.lambda.benchmark;

import dev.hexatask.jwt.testing.TestIdentityProvider;
import dev.hexatask.persistence.Migrations;
import dev.hexatask.secrets.testing.LocalSecretsManager;
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
 * <p>Arguments: the function's classes directory and its dependency directory ({@code target/lib}); with
 * {@code COLD_START_FUNCTION} set to another build's {@code adapter-lambda/target}, that build is measured instead.
 * {@code COLD_START_FLAG_VARIANTS} adds variants with the secret and extra JVM flags (as {@code JAVA_TOOL_OPTIONS}
 * would give them in AWS), measured in the same rounds: flag sets separated by {@code |}, flags within a set by
 * spaces, e.g. {@code "-Xmn16m|-XX:MetaspaceSize=96m -Xmn32m"}.
 */
public final class ColdStartBenchmark {

    /** Fresh JVMs per variant: COLD_START_RUNS, else 5. */
    private static final int RUNS = Integer.parseInt(System.getenv().getOrDefault("COLD_START_RUNS", "5"));
    private static final String SECRET_ARN =
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hexatask-bench-db-AbCdEf";
    private static final String URL_VARIANT = "ApiHandler, DATABASE_URL";
    private static final String SECRET_VARIANT = "ApiHandler, DB_SECRET_ARN (as in AWS)";
    private static final String CDS_VARIANT = "ApiHandler, DB_SECRET_ARN, AppCDS archive";
    private static final String AOT_VARIANT = "ApiHandler, DB_SECRET_ARN, AOT cache (JDK 25)";
    private static final String HELLO_VARIANT = "hello world";
    private static final String BASELINE_VARIANT = "baseline build, DB_SECRET_ARN";
    /** What the Lambda Java runtime starts the JVM with (plus its default serial collector). */
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    private ColdStartBenchmark() {
    }

    record Run(Map<String, Long> millis, Map<String, Long> classes, Map<String, Long> cpu,
               Map<String, String> details) {
    }

    public static void main(String[] args) throws Exception {
        // COLD_START_FUNCTION names another build's adapter-lambda/target (an unchanged checkout, to compare with).
        String other = System.getenv("COLD_START_FUNCTION");
        if (other != null && !other.isBlank()) {
            args = new String[] {Path.of(other, "classes").toString(), Path.of(other, "lib").toString()};
        }
        // COLD_START_BASELINE names another build's adapter-lambda/target (a copy of its classes and lib folders
        // will do), measured with the secret in the same rounds, alternating with this build.
        String baseline = System.getenv("COLD_START_BASELINE");
        String baselineClassPath = baseline == null || baseline.isBlank() ? null
                : Path.of(baseline, "classes").toAbsolutePath() + File.pathSeparator
                        + Path.of(baseline, "lib").toAbsolutePath() + File.separator + "*";
        List<List<String>> flagVariants = flagVariants(System.getenv("COLD_START_FLAG_VARIANTS"));
        String libraries = Path.of(args[1]).toAbsolutePath() + File.separator + "*";
        String classPath = args[0] + File.pathSeparator + libraries;
        // -XX:ArchiveClassesAtExit takes jars only: the AppCDS variant runs the module's jar instead of its classes.
        String jarClassPath = functionJar(Path.of(args[0]).getParent()) + File.pathSeparator + libraries;
        // RDS is reached over TLS (the secret's URL asks for sslmode=require): so is the benchmark's PostgreSQL.
        Path certificate = selfSignedCertificate();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", certificate.resolve("server.crt").toString())
                .setServerConfig("ssl_key_file", certificate.resolve("server.key").toString())
                .start();
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
                    + "?user=postgres&password=postgres&sslmode=require");
            environment.put("OIDC_ISSUER", identityProvider.issuer());
            environment.put("OIDC_CLIENT_IDS", identityProvider.clientId());
            environment.put("OIDC_REQUIRED_SCOPE", "hexatask/api");
            environment.put("CORS_ALLOWED_ORIGINS", "https://app.hexatask.test");
            environment.put("BENCHMARK_AUTHORIZATION",
                    identityProvider.authorizationHeader(UUID.randomUUID().toString(), "bench"));

            String secretJson = "{\"engine\":\"postgres\",\"host\":\"localhost\",\"port\":" + postgres.getPort()
                    + ",\"dbname\":\"" + database + "\",\"username\":\"postgres\",\"password\":\"postgres\"}";
            try (LocalSecretsManager secrets = LocalSecretsManager.serving(SECRET_ARN, secretJson)) {
                Map<String, String> withSecret = new LinkedHashMap<>(environment);
                withSecret.remove("DATABASE_URL");
                withSecret.put("DB_SECRET_ARN", SECRET_ARN);
                withSecret.put("AWS_REGION", "eu-west-1");
                withSecret.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
                withSecret.put("AWS_SECRET_ACCESS_KEY", "benchmark-secret-key");
                // The SDK's own setting for a service's endpoint: the client is built exactly as in AWS.
                withSecret.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint());
                Path archive = Files.createTempDirectory("cold-start").resolve("api.jsa");

                String loadBefore = loadAverage();
                boolean restoreMode = hasRestoreMode(classPath, withSecret);
                probe(classPath, environment, "api", List.of());
                probe(classPath, withSecret, "api", List.of());
                // An AppCDS archive of the classes a cold start loads, made once (as a build step could).
                probe(jarClassPath, withSecret, "api", List.of("-XX:ArchiveClassesAtExit=" + archive));
                // JDK 25's ahead-of-time cache (JEPs 483, 514, 515: classes loaded and linked, method profiles), made
                // by one training run; like an AppCDS archive it holds only with the JVM build that made it.
                Path aotCache = archive.resolveSibling("api.aot");
                probe(jarClassPath, withSecret, "api", List.of("-XX:AOTCacheOutput=" + aotCache));
                probe(classPath, environment, "hello", List.of());
                Map<String, List<Run>> variants = new LinkedHashMap<>();
                List<String> names = new ArrayList<>(List.of(URL_VARIANT, SECRET_VARIANT, CDS_VARIANT, AOT_VARIANT,
                        HELLO_VARIANT));
                if (baselineClassPath != null) {
                    names.add(1, BASELINE_VARIANT);
                    probe(baselineClassPath, withSecret, "api", List.of());
                }
                int afterSecret = names.indexOf(SECRET_VARIANT) + 1;
                for (int k = 0; k < flagVariants.size(); k++) {
                    names.add(afterSecret + k, flagVariantName(flagVariants.get(k)));
                }
                for (String name : names) {
                    variants.put(name, new ArrayList<>());
                }
                List<Run> profiles = new ArrayList<>();
                List<Run> restores = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    variants.get(URL_VARIANT).add(probe(classPath, environment, "api", List.of()));
                    // This build and the baseline one after the other, in an order that alternates by round.
                    if (baselineClassPath != null && i % 2 == 0) {
                        variants.get(BASELINE_VARIANT).add(probe(baselineClassPath, withSecret, "api", List.of()));
                    }
                    variants.get(SECRET_VARIANT).add(probe(classPath, withSecret, "api", List.of()));
                    if (baselineClassPath != null && i % 2 == 1) {
                        variants.get(BASELINE_VARIANT).add(probe(baselineClassPath, withSecret, "api", List.of()));
                    }
                    // The flag variants in an order that rotates by round, as the baseline alternates.
                    for (int k = 0; k < flagVariants.size(); k++) {
                        List<String> flags = flagVariants.get((k + i) % flagVariants.size());
                        variants.get(flagVariantName(flags)).add(probe(classPath, withSecret, "api", flags));
                    }
                    variants.get(CDS_VARIANT).add(probe(jarClassPath, withSecret, "api",
                            List.of("-XX:SharedArchiveFile=" + archive)));
                    variants.get(AOT_VARIANT).add(probe(jarClassPath, withSecret, "api",
                            List.of("-XX:AOTCache=" + aotCache)));
                    variants.get(HELLO_VARIANT).add(probe(classPath, environment, "hello", List.of()));
                    profiles.add(probe(classPath, environment, "profile", List.of()));
                    if (restoreMode) {
                        restores.add(probe(classPath, withSecret, "restore", List.of()));
                    }
                }
                String report = report(variants, profiles) + restoreReport(restores) + "\nLoad average (1, 5, 15 min) before the runs: "
                        + loadBefore + "; after: " + loadAverage() + ".\n";
                System.out.println(report);
                Path out = Path.of(args[0]).getParent().resolve("cold-start.md");
                Files.writeString(out, report);
                System.out.println("(written to " + out + ")");
            }
        }
    }

    /** The flag sets of {@code COLD_START_FLAG_VARIANTS}: sets separated by {@code |}, flags by spaces. */
    static List<List<String>> flagVariants(String setting) {
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        List<List<String>> sets = new ArrayList<>();
        for (String set : setting.split("\\|")) {
            List<String> flags = List.of(set.strip().split("\\s+"));
            if (flags.stream().anyMatch(flag -> !flag.startsWith("-X"))) {
                throw new IllegalArgumentException("COLD_START_FLAG_VARIANTS takes JVM flags (-X...): " + set);
            }
            if (sets.contains(flags)) {
                throw new IllegalArgumentException("COLD_START_FLAG_VARIANTS names a flag set twice: " + set);
            }
            sets.add(flags);
        }
        return sets;
    }

    private static String flagVariantName(List<String> flags) {
        return "ApiHandler, DB_SECRET_ARN, " + String.join(" ", flags);
    }

    /** The module's jar in {@code target} (not its sources or test jars). */
    private static Path functionJar(Path target) throws IOException {
        try (var files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches("hexatask-adapter-lambda-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no function jar in " + target + ": run package first"));
        }
    }

    /** A throw-away key and certificate for the benchmark's PostgreSQL, made by openssl. */
    private static Path selfSignedCertificate() throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("cold-start-tls");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-keyout", folder.resolve("server.key").toString(),
                "-out", folder.resolve("server.crt").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (openssl.waitFor() != 0) {
            throw new IllegalStateException("openssl could not make the benchmark's TLS certificate");
        }
        Files.setPosixFilePermissions(folder.resolve("server.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return folder;
    }

    private static Run probe(String classPath, Map<String, String> environment, String mode, List<String> flags)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_FLAGS);
        command.addAll(flags);
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

    private static String report(Map<String, List<Run>> variants, List<Run> profiles) {
        List<Run> api = variants.get(SECRET_VARIANT);
        var runtime = ManagementFactory.getRuntimeMXBean();
        StringBuilder md = new StringBuilder();
        md.append("## Lambda cold start (adapter-lambda)\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append("), JDK ").append(runtime.getVmVendor()).append(' ').append(runtime.getSpecVersion())
                .append(" (").append(runtime.getVmVersion()).append("). JVM flags: ")
                .append(String.join(" ", LAMBDA_FLAGS)).append(". Medians of ").append(RUNS)
                .append(" fresh JVMs each, interleaved, milliseconds from process start; `GET /tasks` with a real ")
                .append("RS256 token (JWKS over local HTTP) against embedded PostgreSQL 17 over TLS (`sslmode=require`, as RDS is reached; pool of 1), the database ")
                .append("given by `DATABASE_URL` or, as in AWS, by `DB_SECRET_ARN` (the SDK client against a local ")
                .append("Secrets Manager endpoint); the AppCDS variant runs the module's jar (an archive takes jars ")
                .append("only) with an archive dumped by one earlier run. Command: `./mvnw -q -pl adapter-lambda -am verify -DskipTests ")
                .append("-Pcold-start-benchmark`.\n\n");
        md.append("| handler | JVM up (main) | handler constructed | first response | first request alone | ")
                .append("second request alone | CPU used until first response | classes loaded after second |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (var entry : variants.entrySet()) {
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
        md.append("\nStatuses seen (first/second request):");
        variants.forEach((name, runs) -> md.append(' ').append(name).append(' ')
                .append(runs.getFirst().details().get("first")).append('/')
                .append(runs.getFirst().details().get("second")).append(';'));
        md.append("\n\n");
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

    /** Older builds of the function have no restore mode in their probe. */
    private static boolean hasRestoreMode(String classPath, Map<String, String> environment)
            throws IOException, InterruptedException {
        try {
            probe(classPath, environment, "restore", List.of());
            return true;
        } catch (IllegalStateException e) {
            System.err.println("restore mode unavailable: " + e.getMessage().lines().limit(12).toList());
            return false;
        }
    }

    private static String restoreReport(List<Run> restores) {
        if (restores.isEmpty()) {
            return "\nSnapStart restore: not measured (this build's probe has no restore mode).\n";
        }
        return "\nWhat a SnapStart restore leaves to do (`DB_SECRET_ARN`; the hooks run around a would-be snapshot in one "
                + "JVM, so its caches stay warm; medians, ms): checkpoint hook (priming done, connections closed) "
                + median(restores, r -> r.millis().get("checkpoint") - r.millis().get("constructed"))
                + "; restore hook " + median(restores, r -> r.millis().get("restored") - r.millis().get("checkpoint"))
                + "; **from the restore to the first response "
                + median(restores, r -> r.millis().get("first") - r.millis().get("restored")) + "** (the pool's first "
                + "connection, the request); second request "
                + median(restores, r -> r.millis().get("second") - r.millis().get("first")) + ". Statuses "
                + restores.getFirst().details().get("first") + "/" + restores.getFirst().details().get("second")
                + ".\n";
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
