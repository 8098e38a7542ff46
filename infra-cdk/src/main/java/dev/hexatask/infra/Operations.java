package dev.hexatask.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ec2.AmazonLinux2023ImageSsmParameterProps;
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

    private final Topic alarms;
    private final Optional<BastionHostLinux> bastion;
    private final SnsAction notify;

    public Operations(Construct scope, String id, DeploymentOptions options, Network network, Database database,
            Functions functions, Api api) {
        super(scope, id);
        var stage = options.stage();
        var topicKey = Key.Builder.create(this, "AlarmsKey")
                .alias("alias/hexatask/" + stage.name() + "/alarms")
                .description("Hexatask " + stage.name() + ": alarm and budget notifications")
                .enableKeyRotation(true)
                .removalPolicy(stage.statefulRemovalPolicy())
                .build();
        // CloudWatch alarms and AWS Budgets publish to the encrypted topic, so both may use the key.
        for (var service : List.of("cloudwatch.amazonaws.com", "budgets.amazonaws.com")) {
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
        alarm("DatabaseCpu", "Database CPU above 80% for 15 minutes",
                db.metricCPUUtilization(average()), 80, ComparisonOperator.GREATER_THAN_THRESHOLD, 3);
        alarm("DatabaseFreeableMemory", "Database freeable memory below 64 MiB",
                db.metricFreeableMemory(average()), 64 * 1024 * 1024, ComparisonOperator.LESS_THAN_THRESHOLD, 3);
        alarm("DatabaseFreeStorage", "Database free storage below 2 GiB",
                db.metricFreeStorageSpace(average()), 2L * 1024 * 1024 * 1024,
                ComparisonOperator.LESS_THAN_THRESHOLD, 1);
        alarm("DatabaseConnections", "Database connections near the instance's limit",
                db.metricDatabaseConnections(MetricOptions.builder().period(PERIOD).statistic("Maximum").build()),
                stage.database().connectionsAlarm(), ComparisonOperator.GREATER_THAN_THRESHOLD, 2);

        var apiStage = api.restApi().getDeploymentStage();
        alarm("Api5xx", "API answered 5 or more 5XX responses in 5 minutes",
                apiStage.metricServerError(sum()), 5, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);
        alarm("ApiLatencyP99", "API p99 latency above " + stage.api().latencyP99AlarmMs() + " ms for 15 minutes",
                apiStage.metricLatency(MetricOptions.builder().period(PERIOD).statistic("p99").build()),
                stage.api().latencyP99AlarmMs(), ComparisonOperator.GREATER_THAN_THRESHOLD, 3);

        dashboard(stage, api.restApi(), functions.api(), db);
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

    private void alarm(String id, String description, Metric metric, double threshold,
            ComparisonOperator comparison, int periods) {
        var alarm = Alarm.Builder.create(this, id)
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
    }

    private void dashboard(StageSettings stage, RestApi restApi, Function apiFunction, DatabaseInstance db) {
        var apiStage = restApi.getDeploymentStage();
        var stats = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
        var fn = MetricOptions.builder().period(PERIOD).statistic("Maximum").build();
        Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("hexatask-" + stage.name())
                .widgets(List.of(
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
