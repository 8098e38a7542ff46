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
    void theApplicationHasItsOwnSecretForTheLeastPrivilegeRoleThatNamesTheMasterSecret(String stage) {
        var result = Synth.stage(stage);
        var database = result.stack().database();
        var secrets = Templates.resources(result.template(), "AWS::SecretsManager::Secret");
        // The two database secrets, and the cursor-signing key (CursorKeyTest).
        assertThat(secrets.values()).extracting(secret -> Templates.properties(secret).get("Name"))
                .containsExactlyInAnyOrder("/hexatask/" + stage + "/db", "/hexatask/" + stage + "/db-app",
                        "/hexatask/" + stage + "/cursor-key");
        var application = Templates.properties(Templates.resource(result.template(),
                logicalId(database.applicationSecret().getNode().getScope())));
        assertThat(application).containsEntry("Name", "/hexatask/" + stage + "/db-app")
                .containsEntry("KmsKeyId", getAtt(logicalId(database.key()), "Arn"));
        var generated = String.valueOf(application.get("GenerateSecretString"));
        assertThat(generated).contains("hexatask_app", "masterarn", ref(logicalId(database.secret())).toString());
        // Both are completed with host, port and database name from the instance.
        assertThat(Templates.resources(result.template(), "AWS::SecretsManager::SecretTargetAttachment")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @SuppressWarnings("unchecked")
    void bothSecretsRotateEvery30DaysInTheVpcTheApplicationsWithAlternatingUsers(String stage) {
        var result = Synth.stage(stage);
        var network = result.stack().network();
        var database = result.stack().database();
        var subnets = network.vpc().getPrivateSubnets();
        var schedules = Templates.resources(result.template(), "AWS::SecretsManager::RotationSchedule");
        assertThat(schedules).hasSize(2);
        var master = Templates.properties(Templates.resource(result.template(), logicalId(database.rotation())));
        var application = Templates.properties(Templates.resource(result.template(),
                logicalId(database.applicationRotation())));
        assertThat(master.get("SecretId")).isEqualTo(ref(logicalId(database.secret())));
        assertThat(application.get("SecretId")).isEqualTo(ref(logicalId(database.applicationSecret())));

        for (var rotation : List.of(master, application)) {
            assertThat(String.valueOf(rotation.get("RotationRules"))).contains("rate(30 days)");
            assertThat(rotation).containsEntry("RotateImmediatelyOnUpdate", false);
            var hosted = (Map<String, Object>) rotation.get("HostedRotationLambda");
            assertThat(hosted.get("KmsKeyArn")).isEqualTo(getAtt(logicalId(database.key()), "Arn"));
            assertThat(hosted.get("VpcSecurityGroupIds"))
                    .isEqualTo(getAtt(logicalId(network.rotationFunction()), "GroupId"));
            assertThat(hosted.get("VpcSubnetIds")).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
                    ref(logicalId(subnets.get(0))), ",", ref(logicalId(subnets.get(1)))))));
        }
        var masterHosted = (Map<String, Object>) master.get("HostedRotationLambda");
        assertThat(masterHosted).containsEntry("RotationType", "PostgreSQLSingleUser")
                .containsEntry("RotationLambdaName", "hexatask-" + stage + "-db-rotation")
                .doesNotContainKey("MasterSecretArn");
        var applicationHosted = (Map<String, Object>) application.get("HostedRotationLambda");
        assertThat(applicationHosted).containsEntry("RotationType", "PostgreSQLMultiUser")
                .containsEntry("RotationLambdaName", "hexatask-" + stage + "-db-app-rotation")
                .containsEntry("MasterSecretArn", ref(logicalId(database.secret())))
                .containsEntry("MasterSecretKmsKeyArn", getAtt(logicalId(database.key()), "Arn"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theApiReadsOnlyTheApplicationsSecretAndTheCursorKeyAndTheMigrationsReadBothDatabaseSecrets(String stage) {
        var result = Synth.stage(stage);
        var database = result.stack().database();
        var master = ref(logicalId(database.secret()));
        var application = ref(logicalId(database.applicationSecret()));
        var functions = result.stack().functions();
        assertThat(secretsReadBy(result, functions.api())).containsExactlyInAnyOrder(application,
                ref(logicalId(functions.cursorKey())));
        assertThat(secretsReadBy(result, functions.migrations())).containsExactlyInAnyOrder(master, application);
    }

    private static List<Object> secretsReadBy(Synth.Result result, software.amazon.awscdk.services.lambda.Function function) {
        var template = result.template();
        var key = getAtt(logicalId(result.stack().database().key()), "Arn");
        var role = logicalId(function.getRole());
        var statements = Templates.statementsOfRole(template, role);
        var secrets = new java.util.ArrayList<Object>();
        assertThat(statements).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            var actions = Templates.actions(statement);
            if (actions.stream().anyMatch(action -> action.startsWith("secretsmanager:"))) {
                assertThat(actions).containsExactlyInAnyOrder(
                        "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");
                secrets.add(statement.get("Resource"));
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
        return secrets;
    }
}
