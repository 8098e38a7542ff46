package dev.hexatask.infra;

import static dev.hexatask.infra.Templates.logicalId;
import static dev.hexatask.infra.Templates.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Match;

class FunctionsTest {

    @ParameterizedTest
    @CsvSource({"dev,1024,10,7", "staging,1536,25,30", "prod,2048,100,180"})
    void apiFunctionIsJava21OnArmWithSnapStartTracingJsonLogsAndStageSizing(String stage, int memory,
            int reservedConcurrency, int logDays) {
        var result = Synth.stage(stage);
        var network = result.stack().network();
        var privateSubnets = network.vpc().getPrivateSubnets().stream().map(s -> ref(logicalId(s))).toList();
        result.template().hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.<String, Object>ofEntries(
                Map.entry("FunctionName", "hexatask-" + stage + "-api"),
                Map.entry("Handler", "dev.hexatask.lambda.ApiHandler::handleRequest"),
                Map.entry("Runtime", "java21"),
                Map.entry("Architectures", List.of("arm64")),
                Map.entry("MemorySize", memory),
                Map.entry("Timeout", 15),
                Map.entry("ReservedConcurrentExecutions", reservedConcurrency),
                Map.entry("SnapStart", Map.of("ApplyOn", "PublishedVersions")),
                Map.entry("TracingConfig", Map.of("Mode", "Active")),
                Map.entry("LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON"))),
                Map.entry("VpcConfig", Map.of(
                        "SubnetIds", privateSubnets,
                        "SecurityGroupIds", List.of(Templates.getAtt(logicalId(network.apiFunction()), "GroupId")))))));
        result.template().hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                "LogGroupName", "/aws/lambda/hexatask-" + stage + "-api",
                "RetentionInDays", logDays));
    }

    @ParameterizedTest
    @CsvSource({"dev,true", "prod,false"})
    void apiFunctionIsConfiguredByEnvironment(String stage, boolean localOriginsAllowed) {
        var result = Synth.stage(stage);
        var stack = result.stack();
        var function = Templates.properties(Templates.resource(result.template(), logicalId(stack.functions().api())));
        @SuppressWarnings("unchecked")
        var variables = (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
        assertThat(variables).containsEntry("HEXATASK_STAGE", stage)
                .containsEntry("DB_SECRET_ARN", ref(logicalId(stack.database().applicationSecret())))
                .containsEntry("OIDC_REQUIRED_SCOPE", "hexatask/api")
                .containsEntry("DB_POOL_SIZE", "1")
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")
                .containsKeys("OIDC_ISSUER", "OIDC_CLIENT_IDS", "CORS_ALLOWED_ORIGINS")
                .doesNotContainKey("APP_DB_SECRET_ARN");
        var migrations = Templates.properties(Templates.resource(result.template(),
                logicalId(stack.functions().migrations())));
        assertThat(String.valueOf(migrations.get("Environment")))
                .contains("DB_SECRET_ARN=" + ref(logicalId(stack.database().secret())),
                        "APP_DB_SECRET_ARN=" + ref(logicalId(stack.database().applicationSecret())));
        assertThat(variables.get("OIDC_ISSUER")).isEqualTo(Map.of("Fn::Join", List.of("", List.of("https://",
                Templates.getAtt(logicalId(stack.getNode().findChild("Identity").getNode().findChild("UserPool")),
                        "ProviderURL")))));
        assertThat(String.valueOf(variables.get("OIDC_CLIENT_IDS"))).contains("IdentityUserPoolFrontend");
        var cors = String.valueOf(variables.get("CORS_ALLOWED_ORIGINS"));
        assertThat(cors).contains("https://", "FrontendDistribution");
        assertThat(cors.contains("http://localhost:5173")).isEqualTo(localOriginsAllowed);
    }

    @Test
    void apiIsServedByThePublishedVersionBehindTheLiveAlias() {
        var result = Synth.stage("dev");
        var alias = Templates.properties(Templates.onlyResource(result.template(), "AWS::Lambda::Alias"));
        assertThat(alias.get("Name")).isEqualTo("live");
        assertThat(alias.get("FunctionName")).isEqualTo(ref(logicalId(result.stack().functions().api())));
        assertThat(String.valueOf(alias.get("FunctionVersion"))).contains("FunctionsApiCurrentVersion");
    }

    @Test
    @SuppressWarnings("unchecked")
    void migrationsRunOnEveryDeployAfterTheDatabaseAndBeforeTheAliasMoves() {
        var result = Synth.stage("dev");
        var template = result.template();
        var stack = result.stack();
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.hexatask.lambda.MigrationsHandler::handleRequest",
                "Runtime", "java21",
                "Architectures", List.of("arm64"))));

        var triggers = Templates.resources(template, "Custom::Trigger");
        assertThat(triggers).hasSize(1);
        var triggerId = triggers.keySet().iterator().next();
        var trigger = triggers.get(triggerId);
        var properties = Templates.properties(trigger);
        assertThat(properties).containsEntry("InvocationType", "RequestResponse")
                .containsEntry("MigrationRunId", Synth.RUN_ID);
        assertThat(String.valueOf(properties.get("HandlerArn"))).contains("FunctionsMigrationsCurrentVersion");
        assertThat((List<Object>) trigger.get("DependsOn")).contains(logicalId(stack.database().instance()),
                logicalId(stack.database().secret()), logicalId(stack.database().rotation()));

        var alias = Templates.onlyResource(template, "AWS::Lambda::Alias");
        assertThat((List<Object>) alias.get("DependsOn")).contains(triggerId);
    }

    @Test
    void aNewDeployGetsANewMigrationRun() {
        var rerun = Synth.variant("dev", Map.of("migrationRunId", "2026-11-25T18:00:00Z",
                "frontendDist", Synth.DIST.toString()));
        var trigger = Templates.properties(Templates.onlyResource(rerun.template(), "Custom::Trigger"));
        assertThat(trigger).containsEntry("MigrationRunId", "2026-11-25T18:00:00Z");
    }

    @Test
    void anHourlyRuleAsksTheMigrationsFunctionToPurgeExpiredIdempotencyRecords() {
        var result = Synth.stage("dev");
        var template = result.template();
        var migrations = logicalId(result.stack().functions().migrations());
        var rule = Templates.properties(Templates.resource(template,
                logicalId(result.stack().functions().housekeeping())));
        assertThat(rule).containsEntry("ScheduleExpression", "rate(1 hour)").containsEntry("State", "ENABLED");
        @SuppressWarnings("unchecked")
        var targets = (List<Map<String, Object>>) rule.get("Targets");
        assertThat(targets).hasSize(1);
        assertThat(targets.getFirst()).containsEntry("Arn", Templates.getAtt(migrations, "Arn"))
                .containsEntry("Input", "{\"action\":\"purge-idempotency-records\"}")
                .containsEntry("RetryPolicy", Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 1800));
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "Action", "lambda:InvokeFunction",
                "FunctionName", Templates.getAtt(migrations, "Arn"),
                "Principal", "events.amazonaws.com")));
    }
}
