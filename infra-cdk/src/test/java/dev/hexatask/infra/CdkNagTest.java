package dev.hexatask.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CdkNagTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void awsSolutionsChecksReportNoUnsuppressedErrorInAnyStage(String stage) {
        var result = Synth.stage(stage);
        System.out.printf("cdk-nag %s: %d errors, %d warnings, %d findings suppressed with a reason%n", stage,
                result.nagErrors().size(), result.nagWarnings().size(), result.nagSuppressed().size());
        assertThat(result.nagErrors()).extracting(message -> message.getId() + " " + message.getEntry().getData())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void synthesisRaisesNoWarningOrErrorAtAll(String stage) {
        var annotations = Annotations.fromStack(Synth.stage(stage).stack());
        assertThat(annotations.findWarning("*", Match.anyValue())).extracting(message -> message.getEntry().getData())
                .isEmpty();
        assertThat(annotations.findError("*", Match.anyValue())).extracting(message -> message.getEntry().getData())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void optionalExtrasAndAMissingFrontendBuildAlsoPassTheChecks(String stage) {
        var withExtras = Synth.variant(stage, OptionalExtrasTest.EXTRAS);
        var withoutFrontend = Synth.variant(stage, Map.of());
        assertThat(withExtras.nagErrors()).extracting(message -> message.getId() + " " + message.getEntry().getData())
                .isEmpty();
        assertThat(withoutFrontend.nagErrors())
                .extracting(message -> message.getId() + " " + message.getEntry().getData())
                .isEmpty();
    }
}
