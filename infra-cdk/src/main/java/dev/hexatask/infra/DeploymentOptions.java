package dev.hexatask.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import software.constructs.Node;

/**
 * What one {@code cdk synth}/{@code deploy} is asked for: the stage plus the context values that are not part of a
 * stage (artifact locations, optional extras). Read once from the CDK context so that the constructs never parse
 * strings themselves.
 */
public record DeploymentOptions(
        StageSettings stage,
        Path lambdaArtifact,
        Path lambdaLayer,
        Path openApiDocument,
        Optional<Path> frontendDist,
        Optional<String> alarmEmail,
        int budgetMonthlyUsd,
        boolean bastion,
        boolean rdsProxy,
        Optional<CustomDomain> apiDomain,
        String migrationRunId) {

    public static final String DEFAULT_LAMBDA_ARTIFACT = "../adapter-lambda/target/hexatask-lambda.zip";
    /** The layer's zip; by default the one adapter-lambda builds next to the function code. */
    public static final String LAMBDA_LAYER_FILE = "hexatask-lambda-layer.zip";
    public static final String DEFAULT_FRONTEND_DIST = "../frontend/dist";
    /** The API's contract; the gateway's routes, models and CORS headers are built from it. */
    public static final String DEFAULT_OPENAPI_DOCUMENT = "../adapter-rest/src/main/resources/openapi.yaml";

    /** An API custom domain; the certificate must be in the stack's region (API Gateway regional endpoint). */
    public record CustomDomain(String domainName, String certificateArn) {
    }

    public DeploymentOptions {
        if (!Files.isRegularFile(lambdaArtifact)) {
            throw new IllegalArgumentException("Lambda artifact not found at " + lambdaArtifact.toAbsolutePath()
                    + ": build it with ./mvnw -pl adapter-lambda -am package, or pass -c lambdaArtifact=<path to zip>");
        }
        if (!Files.isRegularFile(lambdaLayer)) {
            throw new IllegalArgumentException("Lambda layer not found at " + lambdaLayer.toAbsolutePath()
                    + ": build it with ./mvnw -pl adapter-lambda -am package, or pass -c lambdaLayer=<path to zip>");
        }
        LambdaArtifacts.check(lambdaArtifact, lambdaLayer);
        if (!Files.isRegularFile(openApiDocument)) {
            throw new IllegalArgumentException("OpenAPI document not found at " + openApiDocument.toAbsolutePath()
                    + ": run the synthesis from infra-cdk/ in a full checkout, or pass -c openApiDocument=<path>");
        }
        if (alarmEmail.isEmpty() && !stage.name().equals(StageSettings.DEV.name())) {
            throw new IllegalArgumentException("The " + stage.name() + " stage needs an address for its alarms, so "
                    + "that they never go nowhere: pass -c alarmEmail=<address> (confirm the subscription e-mail "
                    + "after the deploy)");
        }
        alarmEmail.ifPresent(address -> {
            if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new IllegalArgumentException("alarmEmail must be an e-mail address, was '" + address + "'");
            }
        });
        if (budgetMonthlyUsd <= 0) {
            throw new IllegalArgumentException("budgetMonthlyUsd must be a positive number of US dollars, was "
                    + budgetMonthlyUsd);
        }
    }

    /**
     * Reads the options from context. {@code migrationRunId} defaults to the current time so that every deploy
     * re-runs the migrations; tests pass a fixed value to keep templates comparable.
     */
    public static DeploymentOptions fromContext(Node node) {
        var stage = StageSettings.named(text(node, "stage").orElse(StageSettings.DEV.name()));
        var dist = Path.of(text(node, "frontendDist").orElse(DEFAULT_FRONTEND_DIST));
        var domainName = text(node, "apiDomainName");
        var certificateArn = text(node, "apiCertificateArn");
        if (domainName.isPresent() != certificateArn.isPresent()) {
            throw new IllegalArgumentException("apiDomainName and apiCertificateArn must be given together");
        }
        var artifact = Path.of(text(node, "lambdaArtifact").orElse(DEFAULT_LAMBDA_ARTIFACT));
        var layer = text(node, "lambdaLayer").map(Path::of)
                .orElseGet(() -> artifact.resolveSibling(LAMBDA_LAYER_FILE));
        return new DeploymentOptions(
                stage,
                artifact,
                layer,
                Path.of(text(node, "openApiDocument").orElse(DEFAULT_OPENAPI_DOCUMENT)),
                Files.isDirectory(dist) ? Optional.of(dist) : Optional.empty(),
                text(node, "alarmEmail"),
                text(node, "budgetMonthlyUsd").map(DeploymentOptions::positiveWholeDollars)
                        .orElse(stage.budgetMonthlyUsd()),
                text(node, "bastion").map(Boolean::parseBoolean).orElse(false),
                text(node, "rdsProxy").map(DeploymentOptions::flag).orElse(false),
                domainName.map(name -> new CustomDomain(name, certificateArn.orElseThrow())),
                text(node, "migrationRunId").orElseGet(() -> Instant.now().toString()));
    }

    private static Optional<String> text(Node node, String key) {
        return Optional.ofNullable(node.tryGetContext(key))
                .map(Object::toString)
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    private static boolean flag(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("rdsProxy must be true or false, was '" + value + "'");
        };
    }

    private static int positiveWholeDollars(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("budgetMonthlyUsd must be a whole number of US dollars, was '"
                    + value + "'", e);
        }
    }
}
