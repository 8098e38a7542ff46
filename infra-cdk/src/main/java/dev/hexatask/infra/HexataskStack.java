package dev.hexatask.infra;

import java.util.ArrayList;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/** One stage of Hexatask: every AWS resource the app needs, wired together. */
public final class HexataskStack extends Stack {

    public static final String APP_TAG = "hexatask";

    private final Network network;
    private final Database database;
    private final FrontendHosting frontend;
    private final Identity identity;
    private final Functions functions;
    private final Api api;
    private final Operations operations;

    public HexataskStack(Construct scope, String id, StackProps props, DeploymentOptions options) {
        super(scope, id, props);
        var stage = options.stage();
        Tags.of(this).add("app", APP_TAG);
        Tags.of(this).add("stage", stage.name());

        network = new Network(this, "Network", stage, options.rdsProxy());
        database = new Database(this, "Database", stage, network);
        frontend = new FrontendHosting(this, "Frontend", options);
        identity = new Identity(this, "Identity", stage, frontend.url());

        var corsOrigins = new ArrayList<String>();
        corsOrigins.add(frontend.url());
        if (stage.allowsLocalFrontends()) {
            corsOrigins.addAll(Identity.LOCAL_FRONTEND_ORIGINS);
        }
        functions = new Functions(this, "Functions", options, network, database, new Functions.Configuration(
                identity.issuerUrl(), identity.frontendClient().getUserPoolClientId(), corsOrigins));
        api = new Api(this, "Api", options, OpenApiDocument.read(options.openApiDocument()), identity.userPool(),
                functions.apiLive(), corsOrigins);
        frontend.deployContent(FrontendHosting.config(api.baseUrl(), getRegion(), identity.issuerUrl(),
                identity.frontendClient().getUserPoolClientId(), identity.managedLoginUrl()), options.frontendDist());
        operations = new Operations(this, "Operations", options, network, database, functions, api);

        output("ApiUrl", api.baseUrl(), "Base URL of the REST API");
        output("FrontendUrl", frontend.url(), "CloudFront URL of the web app");
        output("UserPoolId", identity.userPool().getUserPoolId(), "Cognito user pool");
        output("UserPoolClientId", identity.frontendClient().getUserPoolClientId(), "Frontend app client");
        output("OidcIssuer", identity.issuerUrl(), "Issuer of the access tokens");
        output("ManagedLoginUrl", identity.managedLoginUrl(), "Cognito managed login (hosted UI)");
        output("DatabaseSecretArn", database.secret().getSecretArn(), "Database master user's secret (migrations)");
        output("ApplicationSecretArn", database.applicationSecret().getSecretArn(),
                "Database application user's secret (the API)");
        output("DatabaseEndpoint", database.instance().getDbInstanceEndpointAddress(), "PostgreSQL host (VPC only)");
        database.proxy().ifPresent(proxy -> output("DatabaseProxyEndpoint", proxy.getEndpoint(),
                "RDS Proxy host the API connects to (VPC only, IAM authentication)"));
        output("AlarmTopicArn", operations.alarms().getTopicArn(), "SNS topic of alarms and budget alerts");
        output("SiteBucketName", frontend.site().getBucketName(), "Bucket holding the web app");
        api.customDomain().ifPresent(domain -> output("ApiDomainTarget", domain.getDomainNameAliasDomainName(),
                "Point the API custom domain (CNAME or alias) at this name"));
        operations.bastion().ifPresent(host -> output("BastionInstanceId", host.getInstanceId(),
                "aws ssm start-session --target <this id>"));
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    public Network network() {
        return network;
    }

    public Database database() {
        return database;
    }

    public Functions functions() {
        return functions;
    }

    public Api api() {
        return api;
    }
}
