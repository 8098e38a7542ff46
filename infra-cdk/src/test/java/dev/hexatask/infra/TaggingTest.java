package dev.hexatask.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaggingTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @SuppressWarnings("unchecked")
    void everyTaggableResourceCarriesTheAppAndStage(String stage) {
        var resources = (Map<String, Map<String, Object>>) Synth.stage(stage).template().toJSON().get("Resources");
        var tagged = 0;
        for (var entry : resources.entrySet()) {
            var properties = Templates.properties(entry.getValue());
            var tags = properties.containsKey("Tags") ? properties.get("Tags")
                    : properties.containsKey("UserPoolTags") ? properties.get("UserPoolTags") : null;
            if (tags == null) {
                continue;
            }
            tagged++;
            var expected = List.of(Map.of("Key", "app", "Value", "hexatask"), Map.of("Key", "stage", "Value", stage));
            if (tags instanceof Map<?, ?> map) {
                assertThat((Map<String, Object>) map).as(entry.getKey())
                        .containsEntry("app", "hexatask").containsEntry("stage", stage);
            } else {
                assertThat((List<Object>) tags).as(entry.getKey()).containsAll(List.copyOf(expected));
            }
        }
        assertThat(tagged).as("resources with tags").isGreaterThan(40);
        for (var type : List.of("AWS::EC2::VPC", "AWS::RDS::DBInstance", "AWS::Lambda::Function", "AWS::S3::Bucket",
                "AWS::CloudFront::Distribution", "AWS::SecretsManager::Secret", "AWS::KMS::Key",
                "AWS::ApiGateway::RestApi", "AWS::Cognito::UserPool", "AWS::SNS::Topic")) {
            assertThat(resources.values()).as(type)
                    .anySatisfy(resource -> assertThat(resource.get("Type")).isEqualTo(type));
        }
    }
}
