package dev.hexatask.infra;

import static dev.hexatask.infra.Templates.logicalId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Match;

class ApiGatewayTest {

    private static final Set<String> PROTECTED_ROUTES = Set.of(
            "GET /me", "PUT /me", "POST /tasks", "GET /tasks", "GET /tasks/summary",
            "GET /tasks/{id}", "PATCH /tasks/{id}", "DELETE /tasks/{id}");

    private final Synth.Result dev = Synth.stage("dev");

    private Map<String, Map<String, Object>> methods() {
        return Templates.apiMethods(dev.template(), logicalId(dev.stack().api().restApi()));
    }

    @Test
    void everyRouteOfTheContractIsProxiedToTheLiveAlias() {
        var routes = methods().entrySet().stream()
                .filter(method -> !method.getKey().startsWith("OPTIONS"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(routes.keySet()).containsExactlyInAnyOrderElementsOf(
                union(PROTECTED_ROUTES, Set.of("GET /health")));
        var alias = logicalId(dev.stack().functions().apiLive());
        routes.forEach((route, method) -> {
            var integration = String.valueOf(method.get("Integration"));
            assertThat(integration).as(route).contains("Type=AWS_PROXY", alias);
        });
    }

    @Test
    void cognitoAuthorizerWithTheApiScopeGuardsEveryRouteButHealth() {
        var template = dev.template();
        template.hasResourceProperties("AWS::ApiGateway::Authorizer", Match.objectLike(Map.of(
                "Type", "COGNITO_USER_POOLS",
                "ProviderARNs", List.of(Templates.getAtt(
                        logicalId(dev.stack().getNode().findChild("Identity").getNode().findChild("UserPool")),
                        "Arn")))));
        var methods = methods();
        for (var route : PROTECTED_ROUTES) {
            assertThat(methods.get(route)).as(route)
                    .containsEntry("AuthorizationType", "COGNITO_USER_POOLS")
                    .containsEntry("AuthorizationScopes", List.of("hexatask/api"))
                    .containsKey("AuthorizerId");
        }
        assertThat(methods.get("GET /health")).containsEntry("AuthorizationType", "NONE")
                .doesNotContainKey("AuthorizerId");
    }

    @Test
    void everyMethodIsValidatedAndBodiesMustBeJsonObjects() {
        var template = dev.template();
        template.resourceCountIs("AWS::ApiGateway::RequestValidator", 2);
        template.hasResourceProperties("AWS::ApiGateway::Model", Match.objectLike(Map.of(
                "ContentType", "application/json",
                "Schema", Match.objectLike(Map.of("type", "object")))));
        methods().forEach((route, method) -> {
            if (!route.startsWith("OPTIONS")) {
                assertThat(method).as(route).containsKey("RequestValidatorId");
            }
        });
        for (var write : List.of("PUT /me", "POST /tasks", "PATCH /tasks/{id}")) {
            assertThat(String.valueOf(methods().get(write).get("RequestModels"))).as(write).contains("application/json");
        }
        assertThat(methods().get("GET /tasks/{id}").get("RequestParameters"))
                .isEqualTo(Map.of("method.request.path.id", true));
        assertThat(String.valueOf(methods().get("GET /tasks").get("RequestParameters")))
                .contains("querystring.status", "querystring.cursor", "querystring.limit");
    }

    @Test
    void preflightAndGatewayErrorsCarryCorsHeadersForTheFrontend() {
        var methods = methods();
        for (var path : List.of("/health", "/me", "/tasks", "/tasks/summary", "/tasks/{id}")) {
            assertThat(methods).as(path).containsKey("OPTIONS " + path);
        }
        var preflight = String.valueOf(methods.get("OPTIONS /tasks/{id}").get("Integration"));
        assertThat(preflight).contains("Access-Control-Allow-Origin", "FrontendDistribution", "http://localhost:5173",
                "If-Match", "Idempotency-Key", "PATCH");

        var responses = Templates.resources(dev.template(), "AWS::ApiGateway::GatewayResponse").values().stream()
                .map(Templates::properties).toList();
        assertThat(responses).extracting(response -> response.get("ResponseType"))
                .containsExactlyInAnyOrder("DEFAULT_4XX", "DEFAULT_5XX");
        assertThat(responses).allSatisfy(response -> assertThat(String.valueOf(response.get("ResponseParameters")))
                .contains("gatewayresponse.header.Access-Control-Allow-Origin", "FrontendDistribution"));
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

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
