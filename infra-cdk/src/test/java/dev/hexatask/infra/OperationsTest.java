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
