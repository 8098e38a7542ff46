package dev.hexatask.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The VPC over two Availability Zones and the security groups of everything that runs in it. Every group denies
 * all egress by default and gets only the rules written here, so the allowed paths can be read off this class.
 */
public final class Network extends Construct {

    public static final SubnetSelection PUBLIC = SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build();
    public static final SubnetSelection APPLICATION =
            SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();
    public static final SubnetSelection DATA = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();

    private final Vpc vpc;
    private final SecurityGroup apiFunction;
    private final SecurityGroup migrationsFunction;
    private final SecurityGroup rotationFunction;
    private final SecurityGroup database;
    private final Optional<SecurityGroup> proxy;
    private final InterfaceVpcEndpoint secretsManagerEndpoint;

    /** @param rdsProxy whether the API reaches the database through RDS Proxy (then only through it) */
    public Network(Construct scope, String id, StageSettings stage, boolean rdsProxy) {
        super(scope, id);
        var flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                .retention(stage.logRetention())
                .removalPolicy(stage.statefulRemovalPolicy())
                .build();
        vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr("10.0.0.0/16"))
                .maxAzs(2)
                .natGateways(stage.natGateways())
                .subnetConfiguration(List.of(
                        subnet("public", SubnetType.PUBLIC),
                        subnet("application", SubnetType.PRIVATE_WITH_EGRESS),
                        subnet("data", SubnetType.PRIVATE_ISOLATED)))
                .restrictDefaultSecurityGroup(true)
                .gatewayEndpoints(Map.of("S3", GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.S3)
                        .build()))
                .flowLogs(Map.of("All", FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                        .trafficType(FlowLogTrafficType.ALL)
                        .build()))
                .build();

        apiFunction = group("ApiFunctionSecurityGroup", "API function: database and HTTPS only");
        migrationsFunction = group("MigrationsFunctionSecurityGroup", "Migrations function: database and Secrets Manager");
        rotationFunction = group("RotationFunctionSecurityGroup", "Secret rotation function: database and Secrets Manager");
        database = group("DatabaseSecurityGroup", "PostgreSQL: 5432 from the functions only");
        proxy = rdsProxy ? Optional.of(group("ProxySecurityGroup", "RDS Proxy: 5432 from the API function, to the "
                + "database")) : Optional.empty();
        var endpoints = group("EndpointSecurityGroup", "Interface endpoints: HTTPS from the functions only");

        secretsManagerEndpoint = vpc.addInterfaceEndpoint("SecretsManager", InterfaceVpcEndpointOptions.builder()
                .service(InterfaceVpcEndpointAwsService.SECRETS_MANAGER)
                .subnets(APPLICATION)
                .privateDnsEnabled(true)
                .open(false)
                .securityGroups(List.of(endpoints))
                .build());

        for (var function : List.of(apiFunction, migrationsFunction, rotationFunction)) {
            secretsManagerEndpoint.getConnections().allowDefaultPortFrom(function, "Secrets Manager over HTTPS");
        }
        // The migrations and the rotations sign in with passwords, straight to the database; the API goes through
        // the proxy when there is one.
        allowPostgres(migrationsFunction);
        allowPostgres(rotationFunction);
        // The proxy's own path to the database is opened by the proxy's construct (Database), on the instance's port.
        proxy.ifPresentOrElse(
                group -> group.getConnections().allowFrom(apiFunction, Port.tcp(5432), "PostgreSQL through RDS Proxy"),
                () -> allowPostgres(apiFunction));
        // The API verifies tokens against Cognito's JWKS, which has no VPC endpoint: HTTPS through the NAT gateway.
        apiFunction.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS to AWS endpoints and Cognito JWKS");
    }

    /** Opens 5432 from {@code client} to the database, and nothing else. */
    public void allowPostgres(IConnectable client) {
        database.getConnections().allowFrom(client, Port.tcp(5432), "PostgreSQL");
    }

    private SecurityGroup group(String id, String description) {
        return SecurityGroup.Builder.create(this, id)
                .vpc(vpc)
                .description(description)
                .allowAllOutbound(false)
                .build();
    }

    private static SubnetConfiguration subnet(String name, SubnetType type) {
        return SubnetConfiguration.builder().name(name).subnetType(type).cidrMask(24).build();
    }

    public Vpc vpc() {
        return vpc;
    }

    public SecurityGroup apiFunction() {
        return apiFunction;
    }

    public SecurityGroup migrationsFunction() {
        return migrationsFunction;
    }

    public SecurityGroup rotationFunction() {
        return rotationFunction;
    }

    public SecurityGroup database() {
        return database;
    }

    /** RDS Proxy's group, when the stage has one. */
    public Optional<SecurityGroup> proxy() {
        return proxy;
    }

    public InterfaceVpcEndpoint secretsManagerEndpoint() {
        return secretsManagerEndpoint;
    }
}
