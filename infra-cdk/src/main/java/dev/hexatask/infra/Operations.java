package dev.hexatask.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ec2.AmazonLinux2023ImageSsmParameterProps;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.ec2.AmazonLinuxCpuType;
import software.amazon.awscdk.services.ec2.BastionHostLinux;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What tells someone that Hexatask is unwell or expensive: the alarm topic, alarms on the API and the database, a
 * dashboard, a monthly budget, and (by context) an SSM-managed bastion for reaching the database privately.
 */
public final class Operations extends Construct {

    private static final Duration PERIOD = Duration.minutes(5);
    private static final int CLIENT_ERROR_PERCENT = 25;
    private static final int CLIENT_ERROR_MIN_REQUESTS = 20;

    private final Topic alarms;
    private final Optional<BastionHostLinux> bastion;
    private final SnsAction notify;
    private final List<Alarm> allAlarms = new ArrayList<>();
    private final String stageName;

    public Operations(Construct scope, String id, DeploymentOptions options, Network network, Database database,
            Functions functions, Api api) {
        super(scope, id);
        var stage = options.stage();
        stageName = stage.name();
        var topicKey = Key.Builder.create(this, "AlarmsKey")
                .alias("alias/hexatask/" + stage.name() + "/alarms")
                .description("Hexatask " + stage.name() + ": alarm and budget notifications")
                .enableKeyRotation(true)
                .removalPolicy(stage.statefulRemovalPolicy())
                .build();
        // CloudWatch alarms, AWS Budgets and EventBridge publish to the encrypted topic, so they may use the key.
        for (var service : List.of("cloudwatch.amazonaws.com", "budgets.amazonaws.com", "events.amazonaws.com")) {
            topicKey.grant(new ServicePrincipal(service), "kms:Decrypt", "kms:GenerateDataKey*");
        }
        alarms = Topic.Builder.create(this, "Alarms")
                .topicName("hexatask-" + stage.name() + "-alarms")
                .displayName("Hexatask " + stage.name() + " alarms")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        alarms.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowBudgetsToNotify")
                .principals(List.of(new ServicePrincipal("budgets.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(alarms.getTopicArn()))
                .build());
        options.alarmEmail().ifPresent(email -> alarms.addSubscription(new EmailSubscription(email)));
        notify = new SnsAction(alarms);

        var db = database.instance();
        alarm("DatabaseCpu", "Database CPU above 80% for 15 minutes. Look at Performance Insights for the top "
                        + "statements; if it is load, not one bad query, move to the next instance class (docs/scaling.md).",
                db.metricCPUUtilization(average()), 80, ComparisonOperator.GREATER_THAN_THRESHOLD, 3);
        alarm("DatabaseFreeableMemory", "Database freeable memory below 64 MiB for 15 minutes. Check the connection "
                        + "count and Performance Insights; a larger instance class is the lasting fix.",
                db.metricFreeableMemory(average()), 64 * 1024 * 1024, ComparisonOperator.LESS_THAN_THRESHOLD, 3);
        alarm("DatabaseFreeStorage", "Database free storage below 2 GiB. Storage autoscaling should be growing it: "
                        + "check maxAllocatedStorage in StageSettings and raise it, or find what is writing so much.",
                db.metricFreeStorageSpace(average()), 2L * 1024 * 1024 * 1024,
                ComparisonOperator.LESS_THAN_THRESHOLD, 1);
        alarm("DatabaseConnections", "Database connections near the instance's limit for 10 minutes. Each API "
                        + "environment holds one: lower the API's reserved concurrency, or add RDS Proxy "
                        + "(docs/troubleshooting.md, connections exhausted).",
                db.metricDatabaseConnections(MetricOptions.builder().period(PERIOD).statistic("Maximum").build()),
                stage.database().connectionsAlarm(), ComparisonOperator.GREATER_THAN_THRESHOLD, 2);

        var apiStage = api.restApi().getDeploymentStage();
        alarm("Api5xx", "API answered 5 or more 5XX responses in 5 minutes. Search the API function's log group for "
                        + "the request ids of the access log's 5xx lines; a 503 means the database is unreachable.",
                apiStage.metricServerError(sum()), 5, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);
        alarm("ApiLatencyP99", "API p99 latency above " + stage.api().latencyP99AlarmMs() + " ms for 15 minutes. "
                        + "Compare the function's duration with the gateway's latency: cold starts, database time "
                        + "(Performance Insights) or throttling.",
                apiStage.metricLatency(MetricOptions.builder().period(PERIOD).statistic("p99").build()),
                stage.api().latencyP99AlarmMs(), ComparisonOperator.GREATER_THAN_THRESHOLD, 3);
        alarm("Api4xxRate", "More than " + CLIENT_ERROR_PERCENT + "% of at least " + CLIENT_ERROR_MIN_REQUESTS
                        + " API requests per 5 minutes answered 4XX, for 15 minutes: a client release that sends bad "
                        + "requests or expired tokens, or someone probing. Group the access log by status and "
                        + "userAgent to tell which.",
                MathExpression.Builder.create()
                        .label("4XX responses (% of requests)")
                        .expression("IF(requests >= " + CLIENT_ERROR_MIN_REQUESTS
                                + ", 100 * clientErrors / requests, 0)")
                        .usingMetrics(Map.of("requests", apiStage.metricCount(sum()),
                                "clientErrors", apiStage.metricClientError(sum())))
                        .period(PERIOD)
                        .build(),
                CLIENT_ERROR_PERCENT, ComparisonOperator.GREATER_THAN_THRESHOLD, 3);

        functionAlarms("Api", "API", functions.api(), stage.api().timeout());
        functionAlarms("Migrations", "migrations", functions.migrations(), Functions.MIGRATIONS_TIMEOUT);
        var reserved = stage.api().reservedConcurrency();
        alarm("ApiFunctionConcurrency", "The API function used more than 80% of its " + reserved + " reserved "
                        + "concurrent executions for 10 minutes; at 100% requests are throttled (429). Raise "
                        + "reservedConcurrency in StageSettings if the database has connections to spare "
                        + "(docs/scaling.md), else add RDS Proxy.",
                functions.api().metric("ConcurrentExecutions",
                        MetricOptions.builder().period(PERIOD).statistic("Maximum").build()),
                Math.max(1, Math.floor(reserved * 0.8)), ComparisonOperator.GREATER_THAN_THRESHOLD, 2);
        rotationFailures(stage);

        dashboard(stage, api.restApi(), functions, db);
        budget(stage, options.budgetMonthlyUsd());

        bastion = options.bastion() ? Optional.of(bastion(network)) : Optional.empty();
        bastion.ifPresent(host -> {
            network.allowPostgres(host);
            NagSuppressions.addResourceSuppressions(host, List.of(
                    Nag.suppress("AwsSolutions-EC28",
                            "A bastion is started for an occasional maintenance session; detailed monitoring "
                                    + "would cost more than it tells."),
                    Nag.suppress("AwsSolutions-EC29",
                            "The bastion is stateless and recreated at will; termination protection would only "
                                    + "get in the way of removing it."),
                    Nag.suppress("AwsSolutions-IAM5",
                            "The wildcards are the Session Manager messaging actions (ssmmessages:*, "
                                    + "ec2messages:*), which have no resource-level permissions.")), true);
        });
    }

    private static MetricOptions average() {
        return MetricOptions.builder().period(PERIOD).statistic("Average").build();
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().period(PERIOD).statistic("Sum").build();
    }

    /** Errors, throttles and a p99 duration near the timeout: what says a function fails before its callers do. */
    private void functionAlarms(String id, String name, Function function, Duration timeout) {
        alarm(id + "FunctionErrors", "The " + name + " function failed (an error the handler did not turn into a "
                        + "response, a timeout or a crash). Open its log group at the alarm's time and look for "
                        + "\"level\":\"ERROR\" and the REPORT lines.",
                function.metricErrors(sum()), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);
        alarm(id + "FunctionThrottles", "The " + name + " function was throttled: its reserved concurrency or the "
                        + "account's concurrency quota is used up (docs/troubleshooting.md, concurrency quota).",
                function.metricThrottles(sum()), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);
        var nearTimeout = timeout.toMilliseconds().doubleValue() * 0.8;
        alarm(id + "FunctionDurationP99", "The " + name + " function's p99 duration is above 80% of its "
                        + timeout.toSeconds() + " s timeout: calls are about to time out. Look for slow statements "
                        + "(Performance Insights) or a dependency that does not answer (Secrets Manager endpoint, JWKS).",
                function.metricDuration(MetricOptions.builder().period(PERIOD).statistic("p99").build()),
                nearTimeout, ComparisonOperator.GREATER_THAN_THRESHOLD, 1);
    }

    /**
     * A failed or abandoned rotation of any secret in the account and region (CloudTrail's service events carry no
     * field EventBridge could match the secret ARNs on reliably): the notification names the secret.
     */
    private void rotationFailures(StageSettings stage) {
        Rule.Builder.create(this, "RotationFailed")
                .ruleName("hexatask-" + stage.name() + "-rotation-failed")
                .description("A Secrets Manager rotation failed: read the rotation function's log group "
                        + "(/aws/lambda/hexatask-" + stage.name() + "-db-*rotation), fix, then aws secretsmanager "
                        + "rotate-secret --secret-id <the secret>. Connections opened before keep working.")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.secretsmanager"))
                        .detailType(List.of("AWS Service Event via CloudTrail"))
                        .detail(Map.of(
                                "eventSource", List.of("secretsmanager.amazonaws.com"),
                                "eventName", List.of("RotationFailed", "RotationAbandoned")))
                        .build())
                .targets(List.of(new SnsTopic(alarms)))
                .build();
    }

    private void alarm(String id, String description, IMetric metric, double threshold,
            ComparisonOperator comparison, int periods) {
        var alarm = Alarm.Builder.create(this, id)
                .alarmName("hexatask-" + stageName + "-" + id.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                        .toLowerCase(java.util.Locale.ROOT))
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(notify);
        alarm.addOkAction(notify);
        allAlarms.add(alarm);
    }

    private void dashboard(StageSettings stage, RestApi restApi, Functions functions, DatabaseInstance db) {
        var apiFunction = functions.api();
        var migrations = functions.migrations();
        var apiStage = restApi.getDeploymentStage();
        var stats = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
        var fn = MetricOptions.builder().period(PERIOD).statistic("Maximum").build();
        Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("hexatask-" + stage.name())
                .widgets(List.of(
                        List.of(AlarmStatusWidget.Builder.create()
                                .title("Alarms (" + allAlarms.size() + ")")
                                .alarms(List.copyOf(allAlarms))
                                .width(24)
                                .build()),
                        List.of(
                                graph("API requests and errors", apiStage.metricCount(stats),
                                        apiStage.metricClientError(stats), apiStage.metricServerError(stats)),
                                graph("API latency (ms)",
                                        apiStage.metricLatency(MetricOptions.builder().period(PERIOD).statistic("p50").build()),
                                        apiStage.metricLatency(MetricOptions.builder().period(PERIOD).statistic("p99").build()))),
                        List.of(
                                graph("API function duration (ms)",
                                        apiFunction.metricDuration(MetricOptions.builder().period(PERIOD).statistic("p99").build())),
                                graph("API function errors, throttles, concurrency",
                                        apiFunction.metricErrors(stats), apiFunction.metricThrottles(stats),
                                        apiFunction.metric("ConcurrentExecutions", fn))),
                        List.of(
                                graph("Migrations function duration (ms)", migrations.metricDuration(fn)),
                                graph("Migrations function errors and throttles", migrations.metricErrors(stats),
                                        migrations.metricThrottles(stats))),
                        List.of(
                                graph("Database CPU (%)", db.metricCPUUtilization(average())),
                                graph("Database connections", db.metricDatabaseConnections(fn)))))
                .build();
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(12).build();
    }

    private void budget(StageSettings stage, int monthlyUsd) {
        var subscribers = List.of(CfnBudget.SubscriberProperty.builder()
                .subscriptionType("SNS")
                .address(alarms.getTopicArn())
                .build());
        var notifications = new ArrayList<CfnBudget.NotificationWithSubscribersProperty>();
        for (var kind : List.of("ACTUAL", "FORECASTED")) {
            notifications.add(CfnBudget.NotificationWithSubscribersProperty.builder()
                    .notification(CfnBudget.NotificationProperty.builder()
                            .notificationType(kind)
                            .comparisonOperator("GREATER_THAN")
                            .threshold(kind.equals("ACTUAL") ? 80 : 100)
                            .thresholdType("PERCENTAGE")
                            .build())
                    .subscribers(subscribers)
                    .build());
        }
        CfnBudget.Builder.create(this, "MonthlyBudget")
                .budget(CfnBudget.BudgetDataProperty.builder()
                        .budgetName("hexatask-" + stage.name() + "-monthly")
                        .budgetType("COST")
                        .timeUnit("MONTHLY")
                        .budgetLimit(CfnBudget.SpendProperty.builder().amount(monthlyUsd).unit("USD").build())
                        .build())
                .notificationsWithSubscribers(notifications)
                .build();
    }

    private BastionHostLinux bastion(Network network) {
        return BastionHostLinux.Builder.create(this, "Bastion")
                .vpc(network.vpc())
                .subnetSelection(Network.APPLICATION)
                .instanceType(InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.NANO))
                .machineImage(MachineImage.latestAmazonLinux2023(
                        AmazonLinux2023ImageSsmParameterProps.builder().cpuType(AmazonLinuxCpuType.ARM_64).build()))
                .requireImdsv2(true)
                .blockDevices(List.of(BlockDevice.builder()
                        .deviceName("/dev/xvda")
                        .volume(BlockDeviceVolume.ebs(8, EbsDeviceOptions.builder().encrypted(true).build()))
                        .build()))
                .build();
    }

    public Topic alarms() {
        return alarms;
    }

    public Optional<BastionHostLinux> bastion() {
        return bastion;
    }
}
