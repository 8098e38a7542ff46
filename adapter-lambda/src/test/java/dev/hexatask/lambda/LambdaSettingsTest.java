package dev.hexatask.lambda;

import dev.hexatask.rest.TransportSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LambdaSettingsTest {

    private static Map<String, String> valid() {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", "postgresql://hexatask:secret@localhost:5432/hexatask");
        environment.put("OIDC_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc");
        environment.put("OIDC_CLIENT_IDS", "client-a");
        return environment;
    }

    @Test
    void theStageAndTheOriginsAreReadAsTheServerReadsThem() {
        Map<String, String> environment = valid();
        environment.put("HEXATASK_STAGE", "prod");
        environment.put("CORS_ALLOWED_ORIGINS", "https://app.example.com");
        LambdaSettings settings = LambdaSettings.fromEnvironment(environment);
        TransportSettings shared = TransportSettings.fromEnvironment(environment, new ArrayList<>());
        assertThat(settings.stage()).isEqualTo(shared.stage()).isEqualTo("prod");
        assertThat(settings.rest()).isEqualTo(shared.rest());
    }

    @Test
    void aBadStageOrOriginIsTheSharedReadersProblem() {
        Map<String, String> environment = valid();
        environment.put("HEXATASK_STAGE", "Prod_1");
        environment.put("CORS_ALLOWED_ORIGINS", "https://app.example.com/path");
        List<String> shared = new ArrayList<>();
        TransportSettings.fromEnvironment(environment, shared);
        var e = catchThrowableOfType(InvalidConfigurationException.class,
                () -> LambdaSettings.fromEnvironment(environment));
        assertThat(shared).hasSize(2);
        assertThat(e.problems()).containsExactlyElementsOf(shared);
    }

    @Test
    void theCursorKeySecretIsOptionalAndNeedsTheRegion() {
        Map<String, String> environment = valid();
        assertThat(LambdaSettings.fromEnvironment(environment).cursorKeySecretArn()).isEmpty();

        environment.put("CURSOR_KEY_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:k-AbCdEf");
        environment.remove("AWS_REGION");
        var e = catchThrowableOfType(InvalidConfigurationException.class,
                () -> LambdaSettings.fromEnvironment(environment));
        assertThat(e.problems()).contains("AWS_REGION is not set: reading CURSOR_KEY_SECRET_ARN needs the region");

        environment.put("AWS_REGION", "eu-west-1");
        assertThat(LambdaSettings.fromEnvironment(environment).cursorKeySecretArn())
                .contains("arn:aws:secretsmanager:eu-west-1:123456789012:secret:k-AbCdEf");
    }
}
