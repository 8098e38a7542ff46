package dev.hexatask.infra;

import static dev.hexatask.infra.Templates.getAtt;
import static dev.hexatask.infra.Templates.logicalId;
import static dev.hexatask.infra.Templates.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CursorKeyTest {

    @ParameterizedTest
    @CsvSource({"dev,Delete", "prod,Retain"})
    @SuppressWarnings("unchecked")
    void eachStageGeneratesItsCursorKeyInSecretsManagerForTheApiAlone(String stageName, String deletion) {
        var result = Synth.stage(stageName);
        var functions = result.stack().functions();
        var template = result.template();
        var secretId = logicalId(functions.cursorKey());
        var secret = Templates.resource(template, secretId);
        assertThat(secret.get("DeletionPolicy")).isEqualTo(deletion);
        var properties = Templates.properties(secret);
        assertThat(properties).containsEntry("Name", "/hexatask/" + stageName + "/cursor-key")
                .containsEntry("KmsKeyId", getAtt(logicalId(result.stack().database().key()), "Arn"))
                .containsEntry("GenerateSecretString", Map.of("PasswordLength", 64, "ExcludePunctuation", true));

        var api = Templates.properties(Templates.resource(template, logicalId(functions.api())));
        var apiVariables = (Map<String, Object>) ((Map<String, Object>) api.get("Environment")).get("Variables");
        assertThat(apiVariables).containsEntry("CURSOR_KEY_SECRET_ARN", ref(secretId));
        var migrations = Templates.properties(Templates.resource(template, logicalId(functions.migrations())));
        assertThat(String.valueOf(migrations.get("Environment"))).doesNotContain("CURSOR_KEY_SECRET_ARN");

        var readers = Templates.resources(template, "AWS::IAM::Policy").values().stream()
                .map(Templates::properties)
                .filter(policy -> String.valueOf(policy.get("PolicyDocument")).contains(secretId))
                .map(policy -> policy.get("Roles"))
                .toList();
        assertThat(readers).containsExactly(List.of(ref(logicalId(functions.api().getRole()))));
        var statement = Templates.statementsOfRole(template, logicalId(functions.api().getRole())).stream()
                .filter(s -> ref(secretId).equals(s.get("Resource"))).findFirst().orElseThrow();
        assertThat(Templates.actions(statement)).containsExactlyInAnyOrder("secretsmanager:GetSecretValue",
                "secretsmanager:DescribeSecret");
        assertThat(statement).containsEntry("Effect", "Allow");
    }

    @ParameterizedTest
    @CsvSource({"dev", "prod"})
    void theOnlyNagFindingOnTheKeyIsItsManualRotationWithTheReason(String stageName) {
        var result = Synth.stage(stageName);
        assertThat(result.nagErrors()).isEmpty();
        assertThat(result.nagSuppressed()).anySatisfy(message -> {
            assertThat(String.valueOf(message.getId())).contains("CursorKey");
            assertThat(String.valueOf(message.getEntry().getData())).contains("AwsSolutions-SMG4")
                    .contains("put-secret-value");
        });
    }
}
