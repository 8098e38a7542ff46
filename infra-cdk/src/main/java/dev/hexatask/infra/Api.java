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
import software.amazon.awscdk.services.apigateway.DomainName;
import software.amazon.awscdk.services.apigateway.DomainNameOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IModel;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.SecurityPolicy;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The REST API, built from the contract ({@link OpenApiDocument}): one method per operation of {@code openapi.yaml},
 * proxied to the API function's {@code live} alias, with the Cognito authorizer wherever the document asks for a
 * token, the document's request bodies as validation models and its path and query parameters declared; OPTIONS on
 * every path goes to the function too, so preflights get the very answer of {@code adapter-rest}'s CORS policy.
 * The gateway's own errors (401, 403, 429, 4xx, 5xx, a refused body) carry the CORS headers of that policy for the
 * stage's origins, so a browser app can read them. Throttling, access logs, metrics and tracing per stage.
 */
public final class Api extends Construct {

    private final RestApi restApi;
    private final Optional<DomainName> customDomain;
    private final String baseUrl;

    /** The stage variable naming the alias of the API function that the stage invokes. */
    public static final String FUNCTION_ALIAS_VARIABLE = "functionAlias";

    public Api(Construct scope, String id, DeploymentOptions options, OpenApiDocument contract, UserPool userPool,
            Alias handler, List<String> corsOrigins) {
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
                        // What differs per stage of the API: which alias of the function it calls.
                        .variables(Map.of(FUNCTION_ALIAS_VARIABLE, handler.getAliasName()))
                        .build())
                .build();
        gatewayResponses(contract, corsOrigins);

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
        var authorizer = CognitoUserPoolsAuthorizer.Builder.create(this, "Authorizer")
                .authorizerName("hexatask-" + stage.name() + "-cognito")
                .cognitoUserPools(List.of(userPool))
                .resultsCacheTtl(Duration.minutes(5))
                .build();
        // The integration calls the function qualified by the stage's variable, so the stage decides which alias it
        // invokes; the invoke permission is granted on that alias for this API's stage only.
        var stageAlias = Function.fromFunctionAttributes(this, "StageAlias", FunctionAttributes.builder()
                .functionArn(handler.getVersion().getLambda().getFunctionArn() + ":${stageVariables."
                        + FUNCTION_ALIAS_VARIABLE + "}")
                // Per-method permissions would name "<arn>:${stageVariables...}", which Lambda refuses; the one grant
                // below names the alias itself.
                .sameEnvironment(false)
                .skipPermissions(true)
                .build());
        var integration = LambdaIntegration.Builder.create(stageAlias)
                .proxy(true)
                .allowTestInvoke(false)
                .build();
        handler.addPermission("InvokeFromApiStage", Permission.builder()
                .principal(new ServicePrincipal("apigateway.amazonaws.com"))
                .sourceArn(restApi.arnForExecuteApi("*", "/*", stage.name()))
                .build());
        restApi.getDeploymentStage().getNode().addDependency(handler);

        var models = new LinkedHashMap<String, IModel>();
        var resources = new LinkedHashMap<String, IResource>();
        for (var operation : contract.operations()) {
            var resource = resource(resources, operation.path());
            var method = MethodOptions.builder().requestParameters(requestParameters(operation));
            if (operation.authenticated()) {
                method.authorizationType(AuthorizationType.COGNITO)
                        .authorizer(authorizer)
                        .authorizationScopes(List.of(Identity.API_SCOPE));
            } else {
                method.authorizationType(AuthorizationType.NONE);
            }
            if (operation.requestBodies().isEmpty()) {
                method.requestValidator(parametersOnly);
            } else {
                var bodyModels = new LinkedHashMap<String, IModel>();
                operation.requestBodies().forEach(body -> bodyModels.put(body.mediaType(),
                        models.computeIfAbsent(body.schemaName(), name -> restApi.addModel(name,
                                ModelOptions.builder()
                                        .modelName(name)
                                        .contentType("application/json")
                                        .description(name + " of openapi.yaml")
                                        .schema(body.schema())
                                        .build()))));
                method.requestValidator(bodyAndParameters).requestModels(bodyModels);
            }
            var added = resource.addMethod(operation.method(), integration, method.build());
            if (!operation.authenticated()) {
                NagSuppressions.addResourceSuppressions(added, List.of(
                        Nag.suppress("AwsSolutions-APIG4", operation.key() + " needs no token in openapi.yaml: "
                                + "the public liveness probe answers only up/down and database reachability."),
                        Nag.suppress("AwsSolutions-COG4", operation.key() + " needs no token in openapi.yaml.")));
            }
        }
        for (var resource : resources.values()) {
            var preflight = resource.addMethod("OPTIONS", integration, MethodOptions.builder()
                    .authorizationType(AuthorizationType.NONE)
                    .build());
            NagSuppressions.addResourceSuppressions(preflight, List.of(
                    Nag.suppress("AwsSolutions-APIG4", "Browsers send CORS preflights without credentials (Fetch "
                            + "standard); the function answers them with the CORS policy and touches no data."),
                    Nag.suppress("AwsSolutions-COG4", "A CORS preflight never carries a token.")));
        }

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

    /** The resource of a path template such as {@code /tasks/{id}}, its parents made as needed. */
    private IResource resource(Map<String, IResource> resources, String path) {
        IResource resource = restApi.getRoot();
        var sofar = new StringBuilder();
        for (var segment : path.substring(1).split("/")) {
            sofar.append('/').append(segment);
            var parent = resource;
            resource = resources.computeIfAbsent(sofar.toString(), key -> parent.addResource(segment));
        }
        return resource;
    }

    /**
     * The operation's parameters as the gateway declares them. Path and query parameters are required where the
     * document says so; headers never are at the edge, because the document gives a missing header an answer of its
     * own that only the function gives (a {@code PATCH} without {@code If-Match} is 428, not 400).
     */
    private static Map<String, Boolean> requestParameters(OpenApiDocument.Operation operation) {
        var parameters = new LinkedHashMap<String, Boolean>();
        for (var parameter : operation.parameters()) {
            var in = switch (parameter.in()) {
                case "path" -> "path";
                case "query" -> "querystring";
                case "header" -> "header";
                default -> throw new IllegalArgumentException(operation.key() + ": parameters in "
                        + parameter.in() + " are not supported at the edge");
            };
            parameters.put("method.request." + in + "." + parameter.name(),
                    parameter.required() && !in.equals("header"));
        }
        return parameters;
    }

    /**
     * Errors API Gateway produces itself must stay readable by the browser, so they carry the CORS headers of the
     * contract. With one allowed origin (staging, prod) that origin is named; with several (dev: CloudFront and the
     * local frontends) the request's {@code Origin} is echoed, because a gateway response cannot choose among a list.
     * These bodies hold no user data, and the API takes no cookies. A refused body or parameter and a missing or
     * invalid token answer {@code application/problem+json} as the function would.
     */
    private void gatewayResponses(OpenApiDocument contract, List<String> corsOrigins) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Access-Control-Allow-Origin", corsOrigins.size() == 1
                ? "'" + corsOrigins.getFirst() + "'" : "method.request.header.Origin");
        headers.put("Access-Control-Expose-Headers", "'" + String.join(", ", contract.corsExposedHeaders()) + "'");
        headers.put("Vary", "'Origin'");
        headers.put("Cache-Control", "'no-store'");
        headers.put("X-Content-Type-Options", "'nosniff'");
        gatewayResponse("Default4xx", ResponseType.DEFAULT_4_XX, headers, null);
        gatewayResponse("Default5xx", ResponseType.DEFAULT_5_XX, headers, null);
        gatewayResponse("BadRequestBody", ResponseType.BAD_REQUEST_BODY, headers, problem("validation-error",
                "The request is not valid", 400, "The request body does not match the operation's schema in the "
                        + "API's OpenAPI document."));
        gatewayResponse("BadRequestParameters", ResponseType.BAD_REQUEST_PARAMETERS, headers,
                problem("validation-error", "The request is not valid", 400,
                        "A required parameter of the operation is missing."));
        var unauthorized = new LinkedHashMap<>(headers);
        unauthorized.put("WWW-Authenticate", "'Bearer'");
        gatewayResponse("Unauthorized", ResponseType.UNAUTHORIZED, unauthorized, problem("unauthorized",
                "Unauthorized", 401, "A valid bearer token is required."));
    }

    private void gatewayResponse(String id, ResponseType type, Map<String, String> headers, String problem) {
        var response = GatewayResponseOptions.builder().type(type).responseHeaders(headers);
        if (problem != null) {
            var withType = new LinkedHashMap<>(headers);
            withType.put("Content-Type", "'application/problem+json'");
            response.responseHeaders(withType).templates(Map.of("application/json", problem));
        }
        restApi.addGatewayResponse(id, response.build());
    }

    private static String problem(String type, String title, int status, String detail) {
        return "{\"type\":\"urn:hexatask:problem:" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"instance\":\"$context.requestId\"}";
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
