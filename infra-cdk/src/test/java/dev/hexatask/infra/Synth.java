package dev.hexatask.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * Synthesizes the real app (with cdk-nag's AWS Solutions checks applied) once per stage and variant for the whole
 * test run, because one synthesis costs seconds. The three stage templates are also written to
 * {@code target/templates/<stage>.template.json} (and the full cloud assemblies to {@code target/cdk.out-<stage>}).
 */
final class Synth {

    static final String RUN_ID = "test-run";
    static final String ALARM_EMAIL = "alarms@example.com";

    record Result(String stageName, HexataskStack stack, Template template, List<SynthesisMessage> nagErrors,
            List<SynthesisMessage> nagWarnings, List<SynthesisMessage> nagSuppressed, Duration took) {
    }

    private static final Map<String, Result> CACHE = new ConcurrentHashMap<>();
    private static final Path TARGET = Path.of(System.getProperty("hexatask.synthOutput", "target"));
    private static final Path WORK = createWorkDir();
    static final Path LAMBDA_ZIP = standInZip("hexatask-lambda.zip",
            "dev/hexatask/lambda/ApiHandler.class", "lib/hexatask-application-0.1.0-SNAPSHOT.jar");
    /** Next to {@link #LAMBDA_ZIP}, where the synthesis looks for it unless told otherwise. */
    static final Path LAMBDA_LAYER = standInZip(DeploymentOptions.LAMBDA_LAYER_FILE,
            "java/lib/jackson-databind-2.20.1.jar", "java/lib/postgresql-42.7.8.jar");
    static final Path DIST = standInFrontendDist();

    private Synth() {
    }

    /** The stage as shipped: stand-in Lambda zip, a built-looking frontend, no optional extras. */
    static Result stage(String stageName) {
        return CACHE.computeIfAbsent(stageName, name -> run(name, Map.of("frontendDist", DIST.toString()),
                TARGET.resolve("cdk.out-" + name), true));
    }

    /** A stage with extra context, e.g. no frontend build or the optional bastion/custom domain/email. */
    static Result variant(String stageName, Map<String, Object> extraContext) {
        return CACHE.computeIfAbsent(stageName + extraContext, key -> run(stageName, extraContext,
                WORK.resolve("cdk.out-" + Math.abs(key.hashCode())), false));
    }

    private static Result run(String stageName, Map<String, Object> extraContext, Path outdir, boolean publish) {
        var started = System.nanoTime();
        var context = new HashMap<String, Object>();
        context.put("stage", stageName);
        context.put("lambdaArtifact", LAMBDA_ZIP.toString());
        context.put("frontendDist", WORK.resolve("no-frontend-build").toString());
        context.put("migrationRunId", RUN_ID);
        if (!stageName.equals("dev")) {
            // staging and prod refuse to synthesize without an address for their alarms.
            context.put("alarmEmail", ALARM_EMAIL);
        }
        context.putAll(extraContext);
        var app = new App(AppProps.builder().outdir(outdir.toString()).context(context).build());
        var stack = HexataskApp.create(app);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).logIgnores(true).build()));
        app.synth();
        var template = Template.fromStack(stack);
        var annotations = Annotations.fromStack(stack);
        var errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        var warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        var suppressed = annotations.findInfo("*", Match.stringLikeRegexp(".*AwsSolutions-.*"));
        if (publish) {
            copy(outdir.resolve(stack.getArtifactId() + ".template.json"),
                    TARGET.resolve("templates").resolve(stageName + ".template.json"));
        }
        var took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("Synthesized %s %s in %d ms%n", stageName, extraContext.keySet(), took.toMillis());
        return new Result(stageName, stack, template, errors, warnings, suppressed, took);
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createWorkDir() {
        try {
            Files.createDirectories(TARGET);
            return Files.createTempDirectory(TARGET, "synth-work");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip shaped like adapter-lambda's artifact: the entries named, each holding a line of text. */
    static Path standInZip(String fileName, String... entries) {
        var zip = WORK.resolve(fileName);
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(("stand-in for " + entry).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip;
    }

    private static Path standInFrontendDist() {
        var dist = WORK.resolve("dist");
        try {
            Files.createDirectories(dist.resolve("assets"));
            Files.writeString(dist.resolve("index.html"), "<!doctype html><div id=\"root\"></div>");
            Files.writeString(dist.resolve("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
            Files.writeString(dist.resolve("assets").resolve("index-3f2a1b.js"), "console.log('hexatask')");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dist;
    }
}
