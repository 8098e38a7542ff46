package dev.hexatask.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.triggers.InvocationType;
import software.amazon.awscdk.triggers.Trigger;
import software.constructs.Construct;

/**
 * The two Java functions built from the one Lambda artifact (the project's classes as the function code, every
 * third-party jar in one layer that both load, so a deploy of a code change uploads the small part alone): the API
 * (SnapStart version behind the {@code live} alias) and the migrations, which a CDK trigger runs on every deploy after the database exists and before the
 * alias moves to the new version, so new code never meets an old schema. A failing migration fails the deploy.
 * An hourly EventBridge rule invokes the migrations function once more as the database's housekeeper (deleting
 * expired idempotency records): it already holds the secret and reaches the database, and it runs outside the API's
 * reserved concurrency, so no second function, role or security-group rule is needed.
 */
public final class Functions extends Construct {

    public static final String API_HANDLER = "dev.hexatask.lambda.ApiHandler::handleRequest";
    public static final String MIGRATIONS_HANDLER = "dev.hexatask.lambda.MigrationsHandler::handleRequest";
    public static final String LIVE_ALIAS = "live";
    public static final Duration MIGRATIONS_TIMEOUT = Duration.minutes(5);
    /** What the housekeeping schedule sends the migrations function (see {@code MigrationsHandler}). */
    public static final Map<String, Object> PURGE_IDEMPOTENCY_RECORDS = Map.of("action", "purge-idempotency-records");
    /**
     * C1 only: the functions live for minutes, not hours, so C2's peak speed rarely pays back its compile time,
     * while stopping at C1 cuts cold-start and SnapStart-restore latency.
     */
    public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    /** Characters of the generated cursor key (letters and digits: about 380 bits). */
    public static final int CURSOR_KEY_LENGTH = 64;

    private final LayerVersion dependencies;
    private final Secret cursorKey;
    private final Function api;
    private final Alias apiLive;
    private final Function migrations;
    private final Trigger migrationsTrigger;
    private final Rule housekeeping;

    public record Configuration(String issuerUrl, String clientId, List<String> corsOrigins) {
    }

    public Functions(Construct scope, String id, DeploymentOptions options, Network network, Database database,
            Configuration configuration) {
        super(scope, id);
        var stage = options.stage();
        var code = Code.fromAsset(options.lambdaArtifact().toString());
        dependencies = LayerVersion.Builder.create(this, "Dependencies")
                .layerVersionName("hexatask-" + stage.name() + "-dependencies")
                .description("Hexatask " + stage.name() + ": the third-party jars of the API and migrations functions")
                .code(Code.fromAsset(options.lambdaLayer().toString()))
                .compatibleRuntimes(List.of(Runtime.JAVA_21))
                .compatibleArchitectures(List.of(Architecture.ARM_64))
                .build();

        var common = new LinkedHashMap<String, String>();
        common.put("HEXATASK_STAGE", stage.name());
        // One connection per execution environment: Lambda runs one request at a time per environment.
        common.put("DB_POOL_SIZE", "1");
        common.put("LOG_LEVEL", "INFO");
        common.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);

        // The migrations sign in as the schema's owner and give the application's user its password; the API signs
        // in as that least-privilege user and can read no other secret.
        var migrationsEnvironment = new LinkedHashMap<>(common);
        migrationsEnvironment.put("DB_SECRET_ARN", database.secret().getSecretArn());
        migrationsEnvironment.put("APP_DB_SECRET_ARN", database.applicationSecret().getSecretArn());

        // The key that signs list cursors: generated here, rotated by putting a new value (docs/deploy.md). The API
        // signs with the current version and still accepts the previous one, so a rotation breaks no cursor that a
        // client is paging with.
        cursorKey = Secret.Builder.create(this, "CursorKey")
                .secretName("/hexatask/" + stage.name() + "/cursor-key")
                .description("Hexatask " + stage.name() + ": signs list cursors (AWSCURRENT signs, AWSPREVIOUS verifies)")
                .encryptionKey(database.key())
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(CURSOR_KEY_LENGTH)
                        .excludePunctuation(true)
                        .build())
                .removalPolicy(stage.statefulRemovalPolicy())
                .build();
        NagSuppressions.addResourceSuppressions(cursorKey, List.of(Nag.suppress("AwsSolutions-SMG4",
                "Rotated by hand (put-secret-value, docs/deploy.md): no hosted rotation exists for a signing key, "
                        + "and the API verifies with AWSPREVIOUS too, so a rotation needs no coordination.")));

        var apiEnvironment = new LinkedHashMap<>(common);
        apiEnvironment.put("DB_SECRET_ARN", database.applicationSecret().getSecretArn());
        apiEnvironment.put("CURSOR_KEY_SECRET_ARN", cursorKey.getSecretArn());
        database.proxy().ifPresent(proxy -> apiEnvironment.put("DB_PROXY_ENDPOINT", proxy.getEndpoint()));
        apiEnvironment.put("OIDC_ISSUER", configuration.issuerUrl());
        apiEnvironment.put("OIDC_CLIENT_IDS", configuration.clientId());
        apiEnvironment.put("OIDC_REQUIRED_SCOPE", Identity.API_SCOPE);
        apiEnvironment.put("CORS_ALLOWED_ORIGINS", String.join(",", configuration.corsOrigins()));

        api = function("Api", "hexatask-" + stage.name() + "-api", API_HANDLER, code, stage, network.apiFunction(),
                apiEnvironment, stage.api().memoryMb(), stage.api().timeout(), network, true);
        apiLive = Alias.Builder.create(this, "ApiLive")
                .aliasName(LIVE_ALIAS)
                .version(api.getCurrentVersion())
                .build();
        Annotations.of(api).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Every deploy publishes a version (currentVersion) and the live alias points at it.");

        migrations = function("Migrations", "hexatask-" + stage.name() + "-migrations", MIGRATIONS_HANDLER, code,
                stage, network.migrationsFunction(), migrationsEnvironment, 1024, MIGRATIONS_TIMEOUT, network, false);

        database.applicationSecret().grantRead(api);
        cursorKey.grantRead(api);
        // rds-db:connect on the proxy for both users that the alternating-users rotation switches between.
        database.proxy().ifPresent(proxy -> {
            proxy.grantConnect(api, Database.APPLICATION_USER);
            proxy.grantConnect(api, Database.APPLICATION_USER + "_clone");
        });
        database.secret().grantRead(migrations);
        database.applicationSecret().grantRead(migrations);

        migrationsTrigger = Trigger.Builder.create(this, "RunMigrations")
                .handler(migrations)
                .invocationType(InvocationType.REQUEST_RESPONSE)
                .timeout(Duration.minutes(5))
                .executeAfter(List.of(database.instance(), database.rotation(), database.applicationRotation()))
                .executeBefore(List.of(apiLive))
                .build();
        // The attachment completes the secret with host and port, which the migrations need to connect.
        migrationsTrigger.getNode().addDependency(database.secret(), database.applicationSecret());
        // The trigger normally re-runs only when the function changes; a fresh id per synth makes it run on every
        // deploy, so a database restored from a snapshot or changed by hand is brought back to the code's schema.
        ((CfnResource) migrationsTrigger.getNode().getDefaultChild().getNode().getDefaultChild())
                .addPropertyOverride("MigrationRunId", options.migrationRunId());

        housekeeping = Rule.Builder.create(this, "Housekeeping")
                .description("Hourly: deletes the idempotency records whose 24-hour replay window has closed")
                .schedule(Schedule.rate(Duration.hours(1)))
                .targets(List.of(LambdaFunction.Builder.create(migrations)
                        .event(RuleTargetInput.fromObject(PURGE_IDEMPOTENCY_RECORDS))
                        // A missed run is made up by the next one; no point retrying for long.
                        .retryAttempts(2)
                        .maxEventAge(Duration.minutes(30))
                        .build()))
                .build();

        for (var function : List.of(api, migrations)) {
            NagSuppressions.addResourceSuppressions(function, List.of(
                    Nag.suppress("AwsSolutions-IAM4",
                            "AWSLambdaBasicExecutionRole and AWSLambdaVPCAccessExecutionRole are AWS's minimal "
                                    + "policies for writing the function's logs and attaching it to the VPC.",
                            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"),
                    Nag.suppress("AwsSolutions-IAM5",
                            "X-Ray's PutTraceSegments/PutTelemetryRecords support no resource-level permissions, so "
                                    + "active tracing needs Resource '*'.",
                            "Resource::*"),
                    Nag.suppress("AwsSolutions-L1",
                            "Java 21 is the release the whole build targets (--release 21); moving the runtime is a "
                                    + "project-wide decision, not an infrastructure one.")), true);
        }
    }

    private Function function(String id, String name, String handler, Code code, StageSettings stage,
            SecurityGroup securityGroup, Map<String, String> environment, int memoryMb, Duration timeout,
            Network network, boolean servesRequests) {
        var logs = LogGroup.Builder.create(this, id + "Logs")
                .logGroupName("/aws/lambda/" + name)
                .retention(stage.logRetention())
                .removalPolicy(stage.statefulRemovalPolicy())
                .build();
        var builder = Function.Builder.create(this, id)
                .functionName(name)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(code)
                .layers(List.of(dependencies))
                .memorySize(memoryMb)
                .timeout(timeout)
                .environment(environment)
                .tracing(Tracing.ACTIVE)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.WARN)
                .logGroup(logs)
                .vpc(network.vpc())
                .vpcSubnets(Network.APPLICATION)
                .securityGroups(List.of(securityGroup));
        // SnapStart and a concurrency cap matter for the request path; the migrations run once per deploy.
        if (servesRequests) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                    .reservedConcurrentExecutions(stage.api().reservedConcurrency());
        }
        return builder.build();
    }

    /** The layer of third-party jars that both functions load. */
    public LayerVersion dependencies() {
        return dependencies;
    }

    /** The secret whose current version signs list cursors and whose previous version still verifies them. */
    public Secret cursorKey() {
        return cursorKey;
    }

    public Function api() {
        return api;
    }

    public Alias apiLive() {
        return apiLive;
    }

    public Function migrations() {
        return migrations;
    }

    public Trigger migrationsTrigger() {
        return migrationsTrigger;
    }

    public Rule housekeeping() {
        return housekeeping;
    }
}
