package dev.hexatask.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AccessLogField;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.DomainName;
import software.amazon.awscdk.services.apigateway.DomainNameOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IModel;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.SecurityPolicy;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The REST API: every route of the OpenAPI document proxied to the API function's {@code live} alias, Cognito in
 * front of everything but {@code /health}, cheap request validation, CORS for the frontend (preflight and error
 * responses alike), throttling, access logs, metrics and tracing per stage.
 */
public final class Api extends Construct {

    public static final List<String> ALLOWED_HEADERS =
            List.of("Authorization", "Content-Type", "If-Match", "Idempotency-Key");
    public static final List<String> TASK_LIST_QUERY =
            List.of("status", "tag", "dueBefore", "dueAfter", "overdue", "q", "sort", "cursor", "limit");

    private final RestApi restApi;
    private final Optional<DomainName> customDomain;
    private final String baseUrl;

    public Api(Construct scope, String id, DeploymentOptions options, UserPool userPool, IFunction handler,
            List<String> corsOrigins) {
        super(scope, id);
        var stage = options.stage();
        var accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(stage.logRetention())
                .removalPolicy(stage.statefulRemovalPolicy())
                .build();
        restApi = RestApi.Builder.create(this, "RestApi")
                .restApiName("hexatask-" + stage.name())
                .description("Hexatask API (" + stage.name() + ")")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .cloudWatchRole(true)
                .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
                .deployOptions(StageOptions.builder()
                        .stageName(stage.name())
                        .throttlingRateLimit(stage.api().rateLimit())
                        .throttlingBurstLimit(stage.api().burstLimit())
                        .metricsEnabled(true)
                        .tracingEnabled(true)
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(accessLogFormat())
                        .build())
                .defaultCorsPreflightOptions(CorsOptions.builder()
                        .allowOrigins(corsOrigins)
                        .allowMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))
                        .allowHeaders(ALLOWED_HEADERS)
                        .maxAge(Duration.hours(1))
                        .build())
                .build();

        // Errors API Gateway produces itself (401 from the authorizer, 429 throttling, 5xx) must stay readable by
        // the browser, so they carry the same CORS headers as the function's responses.
        var errorHeaders = Map.of(
                "Access-Control-Allow-Origin", "'" + corsOrigins.getFirst() + "'",
                "Access-Control-Allow-Headers", "'" + String.join(",", ALLOWED_HEADERS) + "'",
                "Vary", "'Origin'");
        restApi.addGatewayResponse("Default4xx", GatewayResponseOptions.builder()
                .type(ResponseType.DEFAULT_4_XX).responseHeaders(errorHeaders).build());
        restApi.addGatewayResponse("Default5xx", GatewayResponseOptions.builder()
                .type(ResponseType.DEFAULT_5_XX).responseHeaders(errorHeaders).build());

        var parametersOnly = restApi.addRequestValidator("ParametersOnly", RequestValidatorOptions.builder()
                .requestValidatorName("parameters-only")
                .validateRequestParameters(true)
                .validateRequestBody(false)
                .build());
        var bodyAndParameters = restApi.addRequestValidator("BodyAndParameters", RequestValidatorOptions.builder()
                .requestValidatorName("body-and-parameters")
                .validateRequestParameters(true)
                .validateRequestBody(true)
                .build());
        // Field rules live in the function (one contract for every transport); the gateway only turns away bodies
        // that are not a JSON object before they cost an invocation.
        IModel jsonObject = restApi.addModel("JsonObject", ModelOptions.builder()
                .contentType("application/json")
                .modelName("JsonObject")
                .description("Any JSON object")
                .schema(JsonSchema.builder()
                        .schema(JsonSchemaVersion.DRAFT4)
                        .title("JsonObject")
                        .type(JsonSchemaType.OBJECT)
                        .build())
                .build());

        var authorizer = CognitoUserPoolsAuthorizer.Builder.create(this, "Authorizer")
                .authorizerName("hexatask-" + stage.name() + "-cognito")
                .cognitoUserPools(List.of(userPool))
                .resultsCacheTtl(Duration.minutes(5))
                .build();
        var integration = LambdaIntegration.Builder.create(handler)
                .proxy(true)
                .allowTestInvoke(false)
                .build();
        var routes = new Routes(integration, authorizer, parametersOnly, bodyAndParameters, jsonObject);

        var root = restApi.getRoot();
        var health = root.addResource("health").addMethod("GET", integration, MethodOptions.builder()
                .authorizationType(AuthorizationType.NONE)
                .requestValidator(parametersOnly)
                .build());
        NagSuppressions.addResourceSuppressions(health, List.of(
                Nag.suppress("AwsSolutions-APIG4",
                        "GET /health is the public liveness probe: it returns only up/down and database reachability."),
                Nag.suppress("AwsSolutions-COG4",
                        "GET /health is the public liveness probe and must answer without a token.")));

        var me = root.addResource("me");
        routes.read(me, "GET", Map.of());
        routes.write(me, "PUT", Map.of());

        var tasks = root.addResource("tasks");
        var listQuery = new LinkedHashMap<String, Boolean>();
        TASK_LIST_QUERY.forEach(name -> listQuery.put("method.request.querystring." + name, false));
        routes.read(tasks, "GET", listQuery);
        routes.write(tasks, "POST", Map.of("method.request.header.Idempotency-Key", false));
        routes.read(tasks.addResource("summary"), "GET", Map.of());

        var task = tasks.addResource("{id}");
        routes.read(task, "GET", Map.of("method.request.path.id", true));
        routes.write(task, "PATCH", Map.of("method.request.path.id", true, "method.request.header.If-Match", false));
        routes.read(task, "DELETE", Map.of("method.request.path.id", true, "method.request.header.If-Match", false));

        NagSuppressions.addResourceSuppressions(restApi, List.of(
                Nag.suppress("AwsSolutions-APIG3",
                        "No WAF web ACL (about 6 USD a month plus requests per stage): every route but /health "
                                + "needs a Cognito token, and stage throttling caps abuse. Add AWS WAF when traffic "
                                + "or threat level justifies it."),
                Nag.suppress("AwsSolutions-IAM4",
                        "AmazonAPIGatewayPushToCloudWatchLogs is the AWS-managed policy API Gateway's account-level "
                                + "role needs to write execution logs.",
                        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AmazonAPIGatewayPushToCloudWatchLogs")), true);

        customDomain = options.apiDomain().map(domain -> restApi.addDomainName("CustomDomain",
                DomainNameOptions.builder()
                        .domainName(domain.domainName())
                        .certificate(Certificate.fromCertificateArn(this, "Certificate", domain.certificateArn()))
                        .endpointType(EndpointType.REGIONAL)
                        .securityPolicy(SecurityPolicy.TLS_1_2)
                        .build()));
        baseUrl = options.apiDomain()
                .map(domain -> "https://" + domain.domainName())
                .orElseGet(() -> "https://" + restApi.getRestApiId() + ".execute-api." + Stack.of(this).getRegion()
                        + "." + Stack.of(this).getUrlSuffix() + "/" + stage.name());
    }

    private static AccessLogFormat accessLogFormat() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("requestId", AccessLogField.contextRequestId());
        fields.put("extendedRequestId", AccessLogField.contextExtendedRequestId());
        fields.put("requestTime", AccessLogField.contextRequestTime());
        fields.put("ip", AccessLogField.contextIdentitySourceIp());
        fields.put("userAgent", AccessLogField.contextIdentityUserAgent());
        fields.put("user", AccessLogField.contextAuthorizerClaims("sub"));
        fields.put("httpMethod", AccessLogField.contextHttpMethod());
        fields.put("resourcePath", AccessLogField.contextResourcePath());
        fields.put("status", AccessLogField.contextStatus());
        fields.put("protocol", AccessLogField.contextProtocol());
        fields.put("responseLength", AccessLogField.contextResponseLength());
        fields.put("responseLatency", AccessLogField.contextResponseLatency());
        fields.put("integrationLatency", AccessLogField.contextIntegrationLatency());
        fields.put("integrationStatus", AccessLogField.contextIntegrationStatus());
        fields.put("errorMessage", AccessLogField.contextErrorMessage());
        fields.put("authorizerError", AccessLogField.contextAuthorizerError());
        fields.put("xrayTraceId", AccessLogField.contextXrayTraceId());
        var json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                .append('"').append(name).append("\":\"").append(value).append('"'));
        return AccessLogFormat.custom(json.append('}').toString());
    }

    /** Protected methods: the Cognito authorizer with the API scope, a validator and the declared parameters. */
    private record Routes(LambdaIntegration integration, CognitoUserPoolsAuthorizer authorizer,
            RequestValidator parametersOnly, RequestValidator bodyAndParameters, IModel jsonObject) {

        Method read(Resource resource, String httpMethod, Map<String, Boolean> parameters) {
            return resource.addMethod(httpMethod, integration, protectedMethod()
                    .requestValidator(parametersOnly)
                    .requestParameters(parameters)
                    .build());
        }

        Method write(Resource resource, String httpMethod, Map<String, Boolean> parameters) {
            return resource.addMethod(httpMethod, integration, protectedMethod()
                    .requestValidator(bodyAndParameters)
                    .requestParameters(parameters)
                    .requestModels(Map.of("application/json", jsonObject))
                    .build());
        }

        private MethodOptions.Builder protectedMethod() {
            return MethodOptions.builder()
                    .authorizationType(AuthorizationType.COGNITO)
                    .authorizer(authorizer)
                    .authorizationScopes(List.of(Identity.API_SCOPE));
        }
    }

    public RestApi restApi() {
        return restApi;
    }

    public Optional<DomainName> customDomain() {
        return customDomain;
    }

    /** The base URL the frontend calls, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }
}
