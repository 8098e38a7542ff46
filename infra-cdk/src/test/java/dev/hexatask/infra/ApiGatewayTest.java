package dev.hexatask.infra;

import static dev.hexatask.infra.Templates.logicalId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

class ApiGatewayTest {

    private static final OpenApiDocument CONTRACT =
            OpenApiDocument.read(Path.of(DeploymentOptions.DEFAULT_OPENAPI_DOCUMENT));

    private final Synth.Result dev = Synth.stage("dev");

    private static Map<String, Map<String, Object>> methods(Synth.Result result) {
        return Templates.apiMethods(result.template(), logicalId(result.stack().api().restApi()));
    }

    private Map<String, Map<String, Object>> methods() {
        return methods(dev);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theGatewayListsExactlyTheOperationsOfTheContract(String stage) {
        // adapter-rest's OpenApiContractTest holds the other side: the document lists exactly what RestApi answers.
        var contract = CONTRACT.operations().stream().map(OpenApiDocument.Operation::key).toList();
        var gateway = methods(Synth.stage(stage)).keySet().stream()
                .filter(method -> !method.startsWith("OPTIONS ")).toList();
        assertThat(contract).hasSize(9).doesNotHaveDuplicates().contains("GET /health", "PATCH /tasks/{id}");
        assertThat(gateway).containsExactlyInAnyOrderElementsOf(contract);
    }

    @Test
    void everyPathAnswersOptionsAndEveryMethodIsProxiedToTheLiveAlias() {
        var paths = CONTRACT.operations().stream().map(OpenApiDocument.Operation::path).collect(Collectors.toSet());
        var methods = methods();
        var preflights = methods.keySet().stream().filter(method -> method.startsWith("OPTIONS "))
                .map(method -> method.substring("OPTIONS ".length())).collect(Collectors.toSet());
        assertThat(preflights).isEqualTo(paths);
        var function = logicalId(dev.stack().functions().api());
        methods.forEach((route, method) -> assertThat(String.valueOf(method.get("Integration"))).as(route)
                .contains("Type=AWS_PROXY", function, ":${stageVariables.functionAlias}/invocations"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @SuppressWarnings("unchecked")
    void theStageSaysWhichAliasItInvokesAndOnlyThatStageMayInvokeIt(String stage) {
        var result = Synth.stage(stage);
        var apiStage = Templates.properties(Templates.onlyResource(result.template(), "AWS::ApiGateway::Stage"));
        assertThat(apiStage.get("Variables")).isEqualTo(Map.of("functionAlias", "live"));
        var alias = logicalId(result.stack().functions().apiLive());
        var permissions = Templates.resources(result.template(), "AWS::Lambda::Permission").values().stream()
                .map(Templates::properties)
                .filter(permission -> "apigateway.amazonaws.com".equals(permission.get("Principal")))
                .toList();
        assertThat(permissions).singleElement().satisfies(permission -> {
            assertThat(permission.get("FunctionName")).isEqualTo(Templates.ref(alias));
            assertThat(String.valueOf(permission.get("SourceArn")))
                    .contains(logicalId(result.stack().api().restApi()), "/" + stage + "/*/*");
        });
    }

    @Test
    void cognitoAuthorizerWithTheApiScopeGuardsWhatTheContractSaysNeedsAToken() {
        var template = dev.template();
        template.hasResourceProperties("AWS::ApiGateway::Authorizer", Match.objectLike(Map.of(
                "Type", "COGNITO_USER_POOLS",
                "ProviderARNs", List.of(Templates.getAtt(
                        logicalId(dev.stack().getNode().findChild("Identity").getNode().findChild("UserPool")),
                        "Arn")))));
        var methods = methods();
        var guarded = CONTRACT.operations().stream().filter(OpenApiDocument.Operation::authenticated)
                .map(OpenApiDocument.Operation::key).toList();
        assertThat(guarded).hasSize(8).doesNotContain("GET /health");
        for (var route : guarded) {
            assertThat(methods.get(route)).as(route)
                    .containsEntry("AuthorizationType", "COGNITO_USER_POOLS")
                    .containsEntry("AuthorizationScopes", List.of("hexatask/api"))
                    .containsKey("AuthorizerId");
        }
        methods.forEach((route, method) -> {
            if (route.equals("GET /health") || route.startsWith("OPTIONS ")) {
                assertThat(method).as(route).containsEntry("AuthorizationType", "NONE")
                        .doesNotContainKey("AuthorizerId");
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void requestBodiesAreValidatedWithTheContractsSchemas() {
        var template = dev.template();
        template.resourceCountIs("AWS::ApiGateway::RequestValidator", 2);
        var models = Templates.resources(template, "AWS::ApiGateway::Model").values().stream()
                .map(Templates::properties)
                .collect(Collectors.toMap(model -> (String) model.get("Name"), model -> model));
        assertThat(models.keySet()).containsExactlyInAnyOrder("TaskInput", "TaskPatch", "ProfileInput");
        var taskInput = (Map<String, Object>) models.get("TaskInput").get("Schema");
        assertThat(taskInput).containsEntry("$schema", "http://json-schema.org/draft-04/schema#")
                .containsEntry("type", "object")
                .containsEntry("additionalProperties", false)
                .containsEntry("required", List.of("title"));
        var properties = (Map<String, Object>) taskInput.get("properties");
        assertThat(properties.keySet()).containsExactlyInAnyOrder("title", "description", "status", "priority",
                "dueDate", "tags");
        assertThat(String.valueOf(properties.get("status"))).contains("TODO", "IN_PROGRESS", "DONE", "null");
        var profile = (Map<String, Object>) models.get("ProfileInput").get("Schema");
        assertThat(String.valueOf(profile.get("properties"))).contains("minLength=1", "maxLength=100");

        var methods = methods();
        methods.forEach((route, method) -> {
            if (!route.startsWith("OPTIONS ")) {
                assertThat(method).as(route).containsKey("RequestValidatorId");
            }
        });
        assertThat(methods.get("POST /tasks").get("RequestModels")).isEqualTo(Map.of(
                "application/json", Templates.ref(logicalIdOfModel(template, "TaskInput"))));
        assertThat(methods.get("PUT /me").get("RequestModels")).isEqualTo(Map.of(
                "application/json", Templates.ref(logicalIdOfModel(template, "ProfileInput"))));
        assertThat(methods.get("PATCH /tasks/{id}").get("RequestModels")).isEqualTo(Map.of(
                "application/json", Templates.ref(logicalIdOfModel(template, "TaskPatch")),
                "application/merge-patch+json", Templates.ref(logicalIdOfModel(template, "TaskPatch"))));
    }

    @Test
    void parametersAreDeclaredAsTheContractDoesAndOnlyPathAndQueryOnesAreRequiredAtTheEdge() {
        var methods = methods();
        assertThat(methods.get("GET /tasks/{id}").get("RequestParameters"))
                .isEqualTo(Map.of("method.request.path.id", true));
        // If-Match is required by the contract, but its absence is the function's 428, not the gateway's 400.
        assertThat(methods.get("PATCH /tasks/{id}").get("RequestParameters")).isEqualTo(Map.of(
                "method.request.path.id", true, "method.request.header.If-Match", false));
        assertThat(methods.get("POST /tasks").get("RequestParameters"))
                .isEqualTo(Map.of("method.request.header.Idempotency-Key", false));
        var list = Map.<String, Object>of(
                "method.request.querystring.status", false, "method.request.querystring.tag", false,
                "method.request.querystring.dueBefore", false, "method.request.querystring.dueAfter", false,
                "method.request.querystring.overdue", false, "method.request.querystring.q", false,
                "method.request.querystring.sort", false, "method.request.querystring.cursor", false,
                "method.request.querystring.limit", false);
        assertThat(methods.get("GET /tasks").get("RequestParameters")).isEqualTo(list);
    }

    @ParameterizedTest
    @CsvSource({"dev,method.request.header.Origin", "prod,FrontendDistribution"})
    void theGatewaysOwnErrorsCarryTheContractsCorsHeadersForTheStagesOrigins(String stage, String origin) {
        var responses = Templates.resources(Synth.stage(stage).template(), "AWS::ApiGateway::GatewayResponse")
                .values().stream().map(Templates::properties)
                .collect(Collectors.toMap(response -> (String) response.get("ResponseType"), response -> response));
        assertThat(responses.keySet()).containsExactlyInAnyOrder("DEFAULT_4XX", "DEFAULT_5XX", "BAD_REQUEST_BODY",
                "BAD_REQUEST_PARAMETERS", "UNAUTHORIZED");
        var exposed = "'" + String.join(", ", CONTRACT.corsExposedHeaders()) + "'";
        assertThat(exposed).contains("ETag", "X-Request-Id", "Retry-After", "WWW-Authenticate");
        responses.forEach((type, response) -> {
            @SuppressWarnings("unchecked")
            var headers = (Map<String, Object>) response.get("ResponseParameters");
            assertThat(String.valueOf(headers.get("gatewayresponse.header.Access-Control-Allow-Origin")))
                    .as(type).contains(origin);
            assertThat(headers).as(type)
                    .containsEntry("gatewayresponse.header.Access-Control-Expose-Headers", exposed)
                    .containsEntry("gatewayresponse.header.Vary", "'Origin'");
        });
        var body = String.valueOf(responses.get("BAD_REQUEST_BODY").get("ResponseTemplates"));
        assertThat(body).contains("urn:hexatask:problem:validation-error", "\"status\":400", "$context.requestId");
        assertThat(String.valueOf(responses.get("UNAUTHORIZED").get("ResponseParameters")))
                .contains("WWW-Authenticate='Bearer'", "Content-Type='application/problem+json'");
    }

    private static String logicalIdOfModel(software.amazon.awscdk.assertions.Template template, String name) {
        return Templates.resources(template, "AWS::ApiGateway::Model").entrySet().stream()
                .filter(model -> name.equals(Templates.properties(model.getValue()).get("Name")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"dev,20,40", "staging,50,100", "prod,200,400"})
    void stageHasThrottlingJsonAccessLogsMetricsAndTracing(String stage, int rate, int burst) {
        var template = Synth.stage(stage).template();
        var apiStage = Templates.properties(Templates.onlyResource(template, "AWS::ApiGateway::Stage"));
        assertThat(apiStage).containsEntry("StageName", stage).containsEntry("TracingEnabled", true);
        assertThat(String.valueOf(apiStage.get("MethodSettings")))
                .contains("ThrottlingRateLimit=" + rate, "ThrottlingBurstLimit=" + burst, "MetricsEnabled=true",
                        "LoggingLevel=ERROR", "DataTraceEnabled=false");
        @SuppressWarnings("unchecked")
        var accessLog = (Map<String, Object>) apiStage.get("AccessLogSetting");
        assertThat(String.valueOf(accessLog.get("DestinationArn"))).contains("ApiAccessLogs");
        var format = String.valueOf(accessLog.get("Format"));
        assertThat(format).startsWith("{").endsWith("}").contains("\"requestId\":\"$context.requestId\"",
                "\"status\":\"$context.status\"", "\"user\":\"$context.authorizer.claims.sub\"");
    }

    @Test
    void alarmsOn5xxAndP99Latency() {
        var template = dev.template();
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/ApiGateway", "MetricName", "5XXError", "Statistic", "Sum")));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/ApiGateway", "MetricName", "Latency", "ExtendedStatistic", "p99",
                "Threshold", 3000)));
    }

    @Test
    void customDomainOnlyWhenAskedFor() {
        dev.template().resourceCountIs("AWS::ApiGateway::DomainName", 0);
        var withDomain = Synth.variant("dev", OptionalExtrasTest.EXTRAS).template();
        withDomain.hasResourceProperties("AWS::ApiGateway::DomainName", Match.objectLike(Map.of(
                "DomainName", "api.example.com",
                "SecurityPolicy", "TLS_1_2",
                "RegionalCertificateArn", "arn:aws:acm:eu-west-1:111111111111:certificate/abcd-1234")));
        withDomain.resourceCountIs("AWS::ApiGateway::BasePathMapping", 1);
    }
}
