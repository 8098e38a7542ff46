package dev.hexatask.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Match;

class OperationsTest {

    private final Synth.Result dev = Synth.stage("dev");
    private final Synth.Result extras = Synth.variant("dev", OptionalExtrasTest.EXTRAS);

    @Test
    void alarmTopicIsEncryptedAndAcceptsBudgetAlerts() {
        var template = dev.template();
        template.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of(
                "TopicName", "hexatask-dev-alarms",
                "KmsMasterKeyId", Match.anyValue())));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "sns:Publish",
                        "Principal", Map.of("Service", "budgets.amazonaws.com"))))))))));
        template.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @ParameterizedTest
    @CsvSource({"dev,8,12000", "prod,80,12000"})
    @SuppressWarnings("unchecked")
    void everyFunctionTheApiAndTheDatabaseHaveAlarmsThatSayWhatToDoAndNotifyTheTopic(String stage,
            int concurrencyThreshold, int durationThreshold) {
        var result = Synth.stage(stage);
        var template = result.template();
        var topic = Templates.ref(Templates.logicalId(result.stack().getNode().findChild("Operations").getNode()
                .findChild("Alarms")));
        var alarms = Templates.resources(template, "AWS::CloudWatch::Alarm").values().stream()
                .map(Templates::properties)
                .collect(java.util.stream.Collectors.toMap(alarm -> (String) alarm.get("AlarmName"), alarm -> alarm));
        var prefix = "hexatask-" + stage + "-";
        assertThat(alarms.keySet()).containsExactlyInAnyOrder(
                prefix + "database-cpu", prefix + "database-freeable-memory", prefix + "database-free-storage",
                prefix + "database-connections", prefix + "api5xx", prefix + "api-latency-p99",
                prefix + "api4xx-rate",
                prefix + "api-function-errors", prefix + "api-function-throttles",
                prefix + "api-function-duration-p99", prefix + "api-function-concurrency",
                prefix + "migrations-function-errors", prefix + "migrations-function-throttles",
                prefix + "migrations-function-duration-p99");
        alarms.forEach((name, alarm) -> {
            assertThat(alarm.get("AlarmActions")).as(name).isEqualTo(List.of(topic));
            assertThat(alarm.get("OKActions")).as(name).isEqualTo(List.of(topic));
            assertThat((String) alarm.get("AlarmDescription")).as(name).hasSizeGreaterThan(80);
        });
        assertThat(alarms.get(prefix + "api-function-concurrency")).containsEntry("Threshold", concurrencyThreshold)
                .containsEntry("MetricName", "ConcurrentExecutions");
        assertThat(alarms.get(prefix + "api-function-duration-p99")).containsEntry("Threshold", durationThreshold)
                .containsEntry("ExtendedStatistic", "p99");
        assertThat(alarms.get(prefix + "migrations-function-duration-p99")).containsEntry("Threshold", 240000);
        assertThat(alarms.get(prefix + "migrations-function-errors")).containsEntry("MetricName", "Errors")
                .containsEntry("Threshold", 1);
        assertThat(String.valueOf(alarms.get(prefix + "api4xx-rate").get("Metrics")))
                .contains("100 * clientErrors / requests", "4XXError", "Count");

        var dashboard = String.valueOf(Templates.properties(
                Templates.onlyResource(template, "AWS::CloudWatch::Dashboard")).get("DashboardBody"));
        assertThat(dashboard).contains("\"type\":\"alarm\"", "Alarms (" + alarms.size() + ")");
        for (var id : Templates.resources(template, "AWS::CloudWatch::Alarm").keySet()) {
            assertThat(dashboard).as(id).contains(id);
        }
    }

    @Test
    void aFailedRotationOfEitherSecretIsSentToTheTopic() {
        var template = dev.template();
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "Name", "hexatask-dev-rotation-failed",
                "EventPattern", Map.of(
                        "source", List.of("aws.secretsmanager"),
                        "detail-type", List.of("AWS Service Event via CloudTrail"),
                        "detail", Map.of(
                                "eventSource", List.of("secretsmanager.amazonaws.com"),
                                "eventName", List.of("RotationFailed", "RotationAbandoned"))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Templates.ref(Templates.logicalId(
                        dev.stack().getNode().findChild("Operations").getNode().findChild("Alarms")))))))));
        template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("KeyPolicy", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "events.amazonaws.com"))))))))));
    }

    @Test
    void stagingAndProdAlarmsReachAnAddress() {
        for (var stage : List.of("staging", "prod")) {
            Synth.stage(stage).template().hasResourceProperties("AWS::SNS::Subscription", Map.of(
                    "Protocol", "email", "Endpoint", Synth.ALARM_EMAIL, "TopicArn", Match.anyValue()));
        }
    }

    @Test
    void emailSubscriptionOnlyWhenAnAddressIsGiven() {
        extras.template().hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email",
                "Endpoint", "ops@example.com",
                "TopicArn", Match.anyValue()));
    }

    @Test
    void dashboardShowsApiFunctionAndDatabaseHealth() {
        var body = String.valueOf(Templates.properties(
                Templates.onlyResource(dev.template(), "AWS::CloudWatch::Dashboard")).get("DashboardBody"));
        assertThat(body).contains("\"Count\"", "4XXError", "5XXError", "Latency", "Duration", "Errors",
                "Throttles", "ConcurrentExecutions", "CPUUtilization", "DatabaseConnections");
    }

    @ParameterizedTest
    @CsvSource({"dev,100", "staging,150", "prod,400"})
    void monthlyBudgetAlertsOnActualAndForecastSpend(String stage, int amount) {
        Synth.stage(stage).template().hasResourceProperties("AWS::Budgets::Budget", Match.objectLike(Map.of(
                "Budget", Match.objectLike(Map.of(
                        "BudgetType", "COST",
                        "TimeUnit", "MONTHLY",
                        "BudgetLimit", Map.of("Amount", amount, "Unit", "USD"))),
                "NotificationsWithSubscribers", List.of(
                        Match.objectLike(Map.of("Notification", Match.objectLike(Map.of(
                                "NotificationType", "ACTUAL", "Threshold", 80)))),
                        Match.objectLike(Map.of("Notification", Match.objectLike(Map.of(
                                "NotificationType", "FORECASTED", "Threshold", 100))))))));
    }

    @Test
    void budgetAmountComesFromContext() {
        extras.template().hasResourceProperties("AWS::Budgets::Budget", Match.objectLike(Map.of(
                "Budget", Match.objectLike(Map.of("BudgetLimit", Map.of("Amount", 75, "Unit", "USD"))))));
    }

    @Test
    void bastionOnlyWhenAskedForWithoutKeyOrPublicAddressAndAllowedToTheDatabase() {
        dev.template().resourceCountIs("AWS::EC2::Instance", 0);
        var template = extras.template();
        var instance = Templates.properties(Templates.onlyResource(template, "AWS::EC2::Instance"));
        assertThat(instance).doesNotContainKeys("KeyName", "NetworkInterfaces");
        var privateSubnets = extras.stack().network().vpc().getPrivateSubnets().stream()
                .map(subnet -> (Object) Templates.ref(Templates.logicalId(subnet))).toList();
        assertThat(privateSubnets).contains(instance.get("SubnetId"));
        assertThat(String.valueOf(instance.get("BlockDeviceMappings"))).contains("Encrypted=true");
        var role = Templates.logicalId(extras.stack().getNode().findChild("Operations").getNode()
                .findChild("Bastion").getNode().findChild("Resource").getNode().findChild("InstanceRole"));
        assertThat(Templates.statementsOfRole(template, role)).singleElement().satisfies(statement -> {
            assertThat(Templates.actions(statement))
                    .containsExactlyInAnyOrder("ssmmessages:*", "ssm:UpdateInstanceInformation", "ec2messages:*");
        });
        var bastionGroup = String.valueOf(instance.get("SecurityGroupIds"));
        var databaseIngress = Templates.securityGroupRules(template,
                Templates.logicalId(extras.stack().network().database()), "Ingress");
        assertThat(databaseIngress).hasSize(4)
                .anySatisfy(rule -> assertThat(bastionGroup).contains(rule.substring(rule.indexOf("sg:") + 3)));
    }
}
