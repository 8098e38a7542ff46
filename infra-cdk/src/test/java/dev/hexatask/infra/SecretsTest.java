package dev.hexatask.infra;

import static dev.hexatask.infra.Templates.getAtt;
import static dev.hexatask.infra.Templates.logicalId;
import static dev.hexatask.infra.Templates.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void generatedCredentialsAreNamedPerStageAndEncryptedWithTheDataKey(String stage) {
        var result = Synth.stage(stage);
        result.template().hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "Name", "/hexatask/" + stage + "/db",
                "KmsKeyId", getAtt(logicalId(result.stack().database().key()), "Arn"),
                "GenerateSecretString", Match.objectLike(Map.of("GenerateStringKey", "password")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void hostedRotationRunsEvery30DaysInTheVpcWithTheRotationSecurityGroup(String stage) {
        var result = Synth.stage(stage);
        var network = result.stack().network();
        var subnets = network.vpc().getPrivateSubnets();
        var rotation = Templates.properties(Templates.onlyResource(result.template(),
                "AWS::SecretsManager::RotationSchedule"));
        assertThat(String.valueOf(rotation.get("RotationRules"))).contains("rate(30 days)");
        assertThat(rotation).containsEntry("RotateImmediatelyOnUpdate", false);
        @SuppressWarnings("unchecked")
        var hosted = (Map<String, Object>) rotation.get("HostedRotationLambda");
        assertThat(hosted.get("RotationType")).isEqualTo("PostgreSQLSingleUser");
        assertThat(hosted.get("KmsKeyArn")).isEqualTo(getAtt(logicalId(result.stack().database().key()), "Arn"));
        assertThat(hosted.get("VpcSecurityGroupIds"))
                .isEqualTo(getAtt(logicalId(network.rotationFunction()), "GroupId"));
        assertThat(hosted.get("VpcSubnetIds")).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
                ref(logicalId(subnets.get(0))), ",", ref(logicalId(subnets.get(1)))))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void apiAndMigrationsFunctionsMayReadTheSecretAndNothingElse(String stage) {
        var result = Synth.stage(stage);
        var template = result.template();
        var functions = result.stack().functions();
        var secret = ref(logicalId(result.stack().database().secret()));
        var key = getAtt(logicalId(result.stack().database().key()), "Arn");
        for (var function : List.of(functions.api(), functions.migrations())) {
            var role = logicalId(function.getRole());
            var statements = Templates.statementsOfRole(template, role);
            assertThat(statements).isNotEmpty().allSatisfy(statement -> {
                assertThat(statement.get("Effect")).isEqualTo("Allow");
                var actions = Templates.actions(statement);
                if (actions.stream().anyMatch(action -> action.startsWith("secretsmanager:"))) {
                    assertThat(actions).containsExactlyInAnyOrder(
                            "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");
                    assertThat(statement.get("Resource")).isEqualTo(secret);
                } else if (actions.stream().anyMatch(action -> action.startsWith("kms:"))) {
                    assertThat(actions).containsExactly("kms:Decrypt");
                    assertThat(statement.get("Resource")).isEqualTo(key);
                } else {
                    assertThat(actions).containsExactlyInAnyOrder("xray:PutTraceSegments", "xray:PutTelemetryRecords");
                }
            });
            var managed = Templates.properties(Templates.resource(template, role)).get("ManagedPolicyArns");
            assertThat(String.valueOf(managed)).contains("AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole");
            assertThat((List<?>) managed).hasSize(2);
        }
    }
}
