package dev.hexatask.infra;

import static dev.hexatask.infra.Templates.logicalId;
import static dev.hexatask.infra.Templates.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stage;

class LambdaLayerTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void bothFunctionsLoadTheOneLayerOfThirdPartyJars(String stageName) {
        var result = Synth.stage(stageName);
        var functions = result.stack().functions();
        // The other layers in the template are the AWS CLI of CDK's bucket deployments (the web app's upload).
        var layers = Templates.resources(result.template(), "AWS::Lambda::LayerVersion");
        assertThat(layers.entrySet()).filteredOn(entry -> String.valueOf(entry.getValue()).contains("hexatask"))
                .extracting(Map.Entry::getKey).containsExactly(logicalId(functions.dependencies()));
        var layer = Templates.properties(layers.get(logicalId(functions.dependencies())));
        assertThat(layer).containsEntry("LayerName", "hexatask-" + stageName + "-dependencies")
                .containsEntry("CompatibleRuntimes", List.of("java21"))
                .containsEntry("CompatibleArchitectures", List.of("arm64"));

        for (var function : List.of(functions.api(), functions.migrations())) {
            var properties = Templates.properties(Templates.resource(result.template(), logicalId(function)));
            assertThat(properties.get("Layers")).as(function.getNode().getPath())
                    .isEqualTo(List.of(ref(logicalId(functions.dependencies()))));
        }
        assertThat(s3Key(result, functions.api())).isEqualTo(s3Key(result, functions.migrations()));
        assertThat(s3Key(result, functions.api())).isNotEqualTo(layerS3Key(layer));
    }

    @Test
    void theFunctionCodeHoldsNoThirdPartyJarAndTheLayerHoldsOnlyThose() throws IOException {
        var result = Synth.stage("dev");
        var assets = Path.of(Stage.of(result.stack()).getOutdir());
        var code = jars(assets.resolve("asset." + s3Key(result, result.stack().functions().api())));
        var layer = jars(assets.resolve("asset." + layerS3Key(Templates.properties(Templates.resource(
                result.template(), logicalId(result.stack().functions().dependencies()))))));

        assertThat(code).isNotEmpty().allSatisfy(jar -> assertThat(jar).startsWith("lib/hexatask-"));
        assertThat(layer).isNotEmpty().allSatisfy(jar -> assertThat(jar).startsWith("java/lib/")
                .doesNotContain("hexatask-"));
    }

    @Test
    void aThirdPartyJarInTheFunctionCodeStopsTheSynthesis() {
        var mixed = Synth.standInZip("mixed-function.zip", "dev/hexatask/lambda/ApiHandler.class",
                "lib/hexatask-domain-0.1.0-SNAPSHOT.jar", "lib/jackson-core-2.20.1.jar");
        assertThatThrownBy(() -> HexataskApp.create(app(mixed, Synth.LAMBDA_LAYER)))
                .hasMessageContaining("third-party jars [lib/jackson-core-2.20.1.jar]")
                .hasMessageContaining("layer");
    }

    @Test
    void aLayerWithTheProjectsOwnJarsOrOutsideJavaLibStopsTheSynthesis() {
        var ownJar = Synth.standInZip("own-jar-layer.zip", "java/lib/hexatask-domain-0.1.0-SNAPSHOT.jar",
                "java/lib/jackson-core-2.20.1.jar");
        assertThatThrownBy(() -> HexataskApp.create(app(Synth.LAMBDA_ZIP, ownJar)))
                .hasMessageContaining("java/lib/hexatask-domain-0.1.0-SNAPSHOT.jar");
        var wrongFolder = Synth.standInZip("flat-layer.zip", "lib/jackson-core-2.20.1.jar");
        assertThatThrownBy(() -> HexataskApp.create(app(Synth.LAMBDA_ZIP, wrongFolder)))
                .hasMessageContaining("lib/jackson-core-2.20.1.jar");
        var missing = Synth.LAMBDA_ZIP.resolveSibling("no-such-layer.zip");
        assertThatThrownBy(() -> HexataskApp.create(app(Synth.LAMBDA_ZIP, missing)))
                .hasMessageContaining("no-such-layer.zip").hasMessageContaining("-c lambdaLayer=");
    }

    private static App app(Path functionCode, Path layer) {
        return new App(AppProps.builder().context(Map.of("stage", "dev", "migrationRunId", Synth.RUN_ID,
                "lambdaArtifact", functionCode.toString(), "lambdaLayer", layer.toString())).build());
    }

    @SuppressWarnings("unchecked")
    private static String s3Key(Synth.Result result, software.constructs.IConstruct function) {
        var properties = Templates.properties(Templates.resource(result.template(), logicalId(function)));
        return String.valueOf(((Map<String, Object>) properties.get("Code")).get("S3Key"));
    }

    @SuppressWarnings("unchecked")
    private static String layerS3Key(Map<String, Object> layer) {
        return String.valueOf(((Map<String, Object>) layer.get("Content")).get("S3Key"));
    }

    private static List<String> jars(Path zip) throws IOException {
        try (var file = new ZipFile(zip.toFile())) {
            var jars = new ArrayList<String>();
            file.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".jar")).forEach(jars::add);
            return jars;
        }
    }
}
