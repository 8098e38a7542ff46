package dev.hexatask.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.rds.CaCertificate;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsBaseOptions;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.amazon.awscdk.services.rds.DatabaseProxyOptions;
import software.amazon.awscdk.services.rds.DatabaseSecret;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.IInstanceEngine;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.PerformanceInsightRetention;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.HostedRotation;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.MultiUserHostedRotationOptions;
import software.amazon.awscdk.services.secretsmanager.RotationSchedule;
import software.amazon.awscdk.services.secretsmanager.RotationScheduleOptions;
import software.amazon.awscdk.services.secretsmanager.SingleUserHostedRotationOptions;
import software.constructs.Construct;

/**
 * PostgreSQL 17 in the isolated subnets, its customer-managed key, and two generated credentials secrets, each
 * renewed every 30 days by a hosted rotation function: the master user's ({@code /hexatask/<stage>/db}, used by the
 * migrations only; single-user rotation) and the application's ({@code /hexatask/<stage>/db-app}, the least-privilege
 * role the API signs in as; alternating-users rotation with the master secret as its superuser, so a rotation never
 * changes the password of the user that connections are being opened with).
 */
public final class Database extends Construct {

    public static final String DATABASE_NAME = "hexatask";
    public static final String MASTER_USER = "hexatask_admin";
    /** The role migration V2 makes; AWS's alternating-users rotation adds {@code hexatask_app_clone} next to it. */
    public static final String APPLICATION_USER = "hexatask_app";
    public static final Duration ROTATION_PERIOD = Duration.days(30);

    private final Key key;
    private final DatabaseInstance instance;
    private final RotationSchedule rotation;
    private final ISecret applicationSecret;
    private final RotationSchedule applicationRotation;
    private final Optional<DatabaseProxy> proxy;

    public Database(Construct scope, String id, StageSettings stage, Network network) {
        super(scope, id);
        key = Key.Builder.create(this, "Key")
                .alias("alias/hexatask/" + stage.name() + "/data")
                .description("Hexatask " + stage.name() + ": database storage, Performance Insights and credentials")
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(stage.isProd() ? 30 : 7))
                .removalPolicy(stage.database().removalPolicy() == RemovalPolicy.DESTROY
                        ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN)
                .build();

        var instanceIdentifier = "hexatask-" + stage.name();
        IInstanceEngine engine = DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                .version(PostgresEngineVersion.VER_17)
                .build());
        var parameters = ParameterGroup.Builder.create(this, "Parameters")
                .engine(engine)
                .description("Hexatask " + stage.name() + ": TLS only, slow statements logged without their values")
                // Slow statements are logged to CloudWatch, but never the users' data bound to them.
                .parameters(Map.of(
                        "rds.force_ssl", "1",
                        "log_min_duration_statement", "1000",
                        "log_parameter_max_length", "0"))
                .build();
        // Created here rather than by RDS so that retention and removal follow the stage (no log-retention Lambda).
        var postgresLog = logGroup("PostgresLog", "/aws/rds/instance/" + instanceIdentifier + "/postgresql", stage);
        var upgradeLog = logGroup("UpgradeLog", "/aws/rds/instance/" + instanceIdentifier + "/upgrade", stage);

        instance = DatabaseInstance.Builder.create(this, "Instance")
                .instanceIdentifier(instanceIdentifier)
                .engine(engine)
                .instanceType(stage.database().instanceType())
                .vpc(network.vpc())
                .vpcSubnets(Network.DATA)
                .securityGroups(List.of(network.database()))
                .publiclyAccessible(false)
                .credentials(Credentials.fromGeneratedSecret(MASTER_USER, CredentialsBaseOptions.builder()
                        .secretName("/hexatask/" + stage.name() + "/db")
                        .encryptionKey(key)
                        .build()))
                .databaseName(DATABASE_NAME)
                .parameterGroup(parameters)
                .storageType(StorageType.GP3)
                .allocatedStorage(stage.database().storageGb())
                .maxAllocatedStorage(stage.database().maxStorageGb())
                .storageEncrypted(true)
                .storageEncryptionKey(key)
                .multiAz(stage.database().multiAz())
                .backupRetention(Duration.days(stage.database().backupDays()))
                .copyTagsToSnapshot(true)
                .deletionProtection(stage.database().deletionProtection())
                .removalPolicy(stage.database().removalPolicy())
                .enablePerformanceInsights(true)
                .performanceInsightEncryptionKey(key)
                .performanceInsightRetention(PerformanceInsightRetention.DEFAULT)
                .monitoringInterval(Duration.seconds(60))
                .cloudwatchLogsExports(List.of("postgresql", "upgrade"))
                .iamAuthentication(true)
                .autoMinorVersionUpgrade(true)
                .caCertificate(CaCertificate.RDS_CA_RSA2048_G1)
                .build();
        instance.getNode().addDependency(postgresLog, upgradeLog);

        rotation = rotateEveryPeriod(secret(), "Rotation", HostedRotation.postgreSqlSingleUser(
                SingleUserHostedRotationOptions.builder()
                        .functionName("hexatask-" + stage.name() + "-db-rotation")
                        .vpc(network.vpc())
                        .vpcSubnets(Network.APPLICATION)
                        .securityGroups(List.of(network.rotationFunction()))
                        .build()));

        // The migrations function gives the role its first password from here; the rotation then alternates between
        // hexatask_app and hexatask_app_clone, changing only the user that the current version does not name.
        applicationSecret = DatabaseSecret.Builder.create(this, "ApplicationSecret")
                .secretName("/hexatask/" + stage.name() + "/db-app")
                .username(APPLICATION_USER)
                .masterSecret(instance.getSecret())
                .encryptionKey(key)
                .build()
                .attach(instance);
        applicationRotation = rotateEveryPeriod(applicationSecret, "ApplicationRotation",
                HostedRotation.postgreSqlMultiUser(MultiUserHostedRotationOptions.builder()
                        .masterSecret(instance.getSecret())
                        .functionName("hexatask-" + stage.name() + "-db-app-rotation")
                        .vpc(network.vpc())
                        .vpcSubnets(Network.APPLICATION)
                        .securityGroups(List.of(network.rotationFunction()))
                        .build()));

        // Optional (-c rdsProxy=true): the API's connections go through RDS Proxy, which signs in to PostgreSQL with the
        // application's secret and lets the API in with IAM authentication tokens over TLS only.
        proxy = network.proxy().map(group -> instance.addProxy("Proxy", DatabaseProxyOptions.builder()
                .dbProxyName("hexatask-" + stage.name())
                .secrets(List.of(applicationSecret))
                .vpc(network.vpc())
                .vpcSubnets(Network.DATA)
                .securityGroups(List.of(group))
                .iamAuth(true)
                .requireTls(true)
                .debugLogging(false)
                // A request waits at most this long for a pooled connection: inside the API's own 6 s wait.
                .borrowTimeout(Duration.seconds(5))
                .idleClientTimeout(Duration.minutes(30))
                // What the migrations, the rotations and a bastion sign in with directly stays free.
                .maxConnectionsPercent(80)
                .build()));

        var suppressions = new ArrayList<NagPackSuppression>();
        suppressions.add(Nag.suppress("AwsSolutions-RDS11",
                "The default port 5432 is kept: the database is only reachable inside the VPC from three security "
                        + "groups, and a different port adds no protection while breaking tooling defaults."));
        suppressions.add(Nag.suppress("AwsSolutions-IAM4",
                "Enhanced Monitoring's role uses AmazonRDSEnhancedMonitoringRole, AWS's policy that only lets RDS "
                        + "write OS metrics to the RDSOSMetrics log group.",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"));
        if (!stage.database().multiAz()) {
            suppressions.add(Nag.suppress("AwsSolutions-RDS3",
                    "Single-AZ on purpose in " + stage.name() + " to halve the database bill; prod runs Multi-AZ "
                            + "(see docs/cost.md)."));
        }
        if (!stage.database().deletionProtection()) {
            suppressions.add(Nag.suppress("AwsSolutions-RDS10",
                    "dev is disposable and is destroyed with its stack; staging and prod have deletion protection."));
        }
        NagSuppressions.addResourceSuppressions(instance, suppressions, true);
    }

    /**
     * Rotation every {@link #ROTATION_PERIOD}, the first one a period after creation: rotating while a deploy runs the
     * migrations would race them for the password, and the application's role gets its first password from those
     * migrations (a rotation before them would find no user to clone).
     */
    private static RotationSchedule rotateEveryPeriod(ISecret secret, String id, HostedRotation hosted) {
        return secret.addRotationSchedule(id, RotationScheduleOptions.builder()
                .hostedRotation(hosted)
                .automaticallyAfter(ROTATION_PERIOD)
                .rotateImmediatelyOnUpdate(false)
                .build());
    }

    private LogGroup logGroup(String id, String name, StageSettings stage) {
        return LogGroup.Builder.create(this, id)
                .logGroupName(name)
                .retention(stage.logRetention())
                .removalPolicy(stage.statefulRemovalPolicy())
                .build();
    }

    public Key key() {
        return key;
    }

    public DatabaseInstance instance() {
        return instance;
    }

    public RotationSchedule rotation() {
        return rotation;
    }

    /** The master user's secret, completed with host, port and database name once the instance exists. */
    public ISecret secret() {
        return instance.getSecret();
    }

    /** The application's secret ({@value #APPLICATION_USER} or its clone), attached to the instance likewise. */
    public ISecret applicationSecret() {
        return applicationSecret;
    }

    /** RDS Proxy in front of the instance for the API, when the stage was synthesized with {@code rdsProxy=true}. */
    public Optional<DatabaseProxy> proxy() {
        return proxy;
    }

    public RotationSchedule applicationRotation() {
        return applicationRotation;
    }
}
