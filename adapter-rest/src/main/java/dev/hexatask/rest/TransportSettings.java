package dev.hexatask.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings both transports (the Lambda function, the server) read from their environment, read here once with
 * one rule each; a transport adds only its own. A bad value is added to {@code problems}, one line naming the
 * variable, so that a transport can report all of its problems together.
 *
 * @param stage {@value #STAGE}: the deployment's name, for logs: a lower-case name such as {@code local},
 *              {@code dev} or {@code prod} (default {@code local}; the CDK app names stages the same way)
 * @param rest  {@value #CORS_ALLOWED_ORIGINS}: comma-separated origins, each {@code scheme://host[:port]}
 */
public record TransportSettings(String stage, RestSettings rest) {

    public static final String STAGE = "HEXATASK_STAGE";
    public static final String CORS_ALLOWED_ORIGINS = "CORS_ALLOWED_ORIGINS";
    private static final String STAGE_PATTERN = "[a-z][a-z0-9-]{0,31}";

    /** The settings, with {@code null} for each one that is invalid (and then named in {@code problems}). */
    public static TransportSettings fromEnvironment(Map<String, String> environment, List<String> problems) {
        String stage = text(environment, STAGE).orElse("local");
        if (!stage.matches(STAGE_PATTERN)) {
            problems.add(STAGE + " must be a lower-case name such as local, dev or prod (" + STAGE_PATTERN + ")");
            stage = null;
        }
        RestSettings rest = null;
        List<String> origins = text(environment, CORS_ALLOWED_ORIGINS)
                .map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        try {
            rest = RestSettings.allowingOrigins(origins);
        } catch (IllegalArgumentException e) {
            problems.add(CORS_ALLOWED_ORIGINS + " must be comma-separated origins such as "
                    + "http://localhost:5173,https://app.example.com (scheme://host[:port], lower case, no path)");
        }
        return new TransportSettings(stage, rest);
    }

    /** The variable's value stripped, or empty when it is unset or blank: how every transport reads a variable. */
    public static Optional<String> text(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
