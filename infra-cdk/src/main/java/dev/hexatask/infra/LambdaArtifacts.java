package dev.hexatask.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The split that adapter-lambda packages and the functions rely on, checked before anything is synthesized: the
 * function code holds the project's classes and its own modules ({@code lib/hexatask-*.jar}) and no third-party jar,
 * and the shared layer holds the third-party jars in {@code java/lib/} (where the Java runtime puts a layer's jars on
 * the class path) and none of the project's. A jar on the wrong side would be deployed twice, or not at all.
 */
final class LambdaArtifacts {

    static final String PROJECT_JAR_PREFIX = "hexatask-";
    static final String LAYER_JAR_FOLDER = "java/lib/";

    private LambdaArtifacts() {
    }

    static void check(Path functionCode, Path layer) {
        var thirdParty = jars(functionCode).stream().filter(jar -> !isProjectJar(jar)).toList();
        if (!thirdParty.isEmpty()) {
            throw new IllegalArgumentException("The function code " + functionCode + " holds third-party jars "
                    + thirdParty + ": they belong in the layer (adapter-lambda's src/assembly/lambda-layer.xml)");
        }
        var layerJars = jars(layer);
        var misplaced = layerJars.stream().filter(jar -> isProjectJar(jar) || !jar.startsWith(LAYER_JAR_FOLDER))
                .toList();
        if (layerJars.isEmpty() || !misplaced.isEmpty()) {
            throw new IllegalArgumentException("The layer " + layer + " must hold the third-party jars in "
                    + LAYER_JAR_FOLDER + " and none of the project's; found " + (layerJars.isEmpty() ? "no jar"
                    : misplaced));
        }
    }

    private static boolean isProjectJar(String entry) {
        return entry.substring(entry.lastIndexOf('/') + 1).startsWith(PROJECT_JAR_PREFIX);
    }

    private static List<String> jars(Path zip) {
        try (var file = new ZipFile(zip.toFile())) {
            var jars = new ArrayList<String>();
            file.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".jar")).forEach(jars::add);
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + zip + " as a zip", e);
        }
    }
}
