package dev.hexatask.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplatesWrittenTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void buildLeavesEachStagesTemplateUnderTarget(String stage) throws IOException {
        var result = Synth.stage(stage);
        var template = Path.of(System.getProperty("hexatask.synthOutput", "target"))
                .resolve("templates").resolve(stage + ".template.json");
        assertThat(template).isRegularFile();
        assertThat(Files.readString(template)).contains("\"AWS::RDS::DBInstance\"", "hexatask-" + stage + "-api");
        System.out.printf("Template %s: %d resources, synthesized in %d ms%n", stage,
                ((Map<?, ?>) result.template().toJSON().get("Resources")).size(), result.took().toMillis());
    }
}
