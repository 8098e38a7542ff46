package dev.hexatask.infra;

import static dev.hexatask.infra.Templates.logicalId;
import static dev.hexatask.infra.Templates.securityGroupRules;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkTest {

    private final Synth.Result dev = Synth.stage("dev");

    @Test
    void vpcSpansTwoZonesWithPublicPrivateAndIsolatedSubnets() {
        var template = dev.template();
        template.hasResourceProperties("AWS::EC2::VPC", Map.of("CidrBlock", "10.0.0.0/16"));
        template.resourceCountIs("AWS::EC2::Subnet", 6);
        template.resourceCountIs("AWS::EC2::InternetGateway", 1);
        var subnets = Templates.resources(template, "AWS::EC2::Subnet").values().stream()
                .map(Templates::properties)
                .map(subnet -> String.valueOf(subnet.get("Tags")))
                .toList();
        for (var type : new String[] {"Public", "Private", "Isolated"}) {
            assertThat(subnets).filteredOn(tags -> tags.contains("Key=aws-cdk:subnet-type, Value=" + type)).hasSize(2);
        }
        var zones = Templates.resources(template, "AWS::EC2::Subnet").values().stream()
                .map(Templates::properties).map(subnet -> String.valueOf(subnet.get("AvailabilityZone")))
                .distinct().toList();
        assertThat(zones).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"dev,1", "staging,1", "prod,2"})
    void natGatewaysFollowTheStage(String stage, int natGateways) {
        Synth.stage(stage).template().resourceCountIs("AWS::EC2::NatGateway", natGateways);
    }

    @Test
    void s3GatewayAndSecretsManagerInterfaceEndpointsKeepAwsTrafficInside() {
        var template = dev.template();
        var endpoints = Templates.resources(template, "AWS::EC2::VPCEndpoint").values().stream()
                .map(Templates::properties).toList();
        assertThat(endpoints).anySatisfy(endpoint -> {
            assertThat(endpoint.get("VpcEndpointType")).isEqualTo("Gateway");
            assertThat(String.valueOf(endpoint.get("ServiceName"))).contains(".s3");
        });
        assertThat(endpoints).anySatisfy(endpoint -> {
            assertThat(endpoint.get("VpcEndpointType")).isEqualTo("Interface");
            assertThat(endpoint.get("PrivateDnsEnabled")).isEqualTo(true);
            assertThat(String.valueOf(endpoint.get("ServiceName"))).contains("secretsmanager");
        });
    }

    @Test
    void flowLogsRecordAllTrafficToCloudWatch() {
        dev.template().hasResourceProperties("AWS::EC2::FlowLog", Map.of(
                "ResourceType", "VPC",
                "TrafficType", "ALL",
                "LogDestinationType", "cloud-watch-logs"));
    }

    @Test
    void apiFunctionMayReachOnlyTheDatabaseAndHttps() {
        var network = dev.stack().network();
        var rules = securityGroupRules(dev.template(), logicalId(network.apiFunction()), "Egress");
        assertThat(rules).containsExactlyInAnyOrder(
                "tcp:5432-5432 sg:" + logicalId(network.database()),
                "tcp:443-443 sg:" + endpointGroup(),
                "tcp:443-443 0.0.0.0/0");
    }

    @Test
    void migrationsAndRotationFunctionsMayReachOnlyTheDatabaseAndSecretsManager() {
        var network = dev.stack().network();
        for (var group : new String[] {logicalId(network.migrationsFunction()), logicalId(network.rotationFunction())}) {
            assertThat(securityGroupRules(dev.template(), group, "Egress")).containsExactlyInAnyOrder(
                    "tcp:5432-5432 sg:" + logicalId(network.database()),
                    "tcp:443-443 sg:" + endpointGroup());
        }
    }

    @Test
    void databaseAcceptsPostgresOnlyFromTheThreeFunctionsAndSendsNothing() {
        var network = dev.stack().network();
        var database = logicalId(network.database());
        assertThat(securityGroupRules(dev.template(), database, "Ingress")).containsExactlyInAnyOrder(
                "tcp:5432-5432 sg:" + logicalId(network.apiFunction()),
                "tcp:5432-5432 sg:" + logicalId(network.migrationsFunction()),
                "tcp:5432-5432 sg:" + logicalId(network.rotationFunction()));
        assertThat(securityGroupRules(dev.template(), database, "Egress"))
                .as("CDK's placeholder rule that matches no traffic")
                .containsExactly("icmp:252-86 255.255.255.255/32");
    }

    @Test
    void secretsManagerEndpointAcceptsHttpsOnlyFromTheFunctions() {
        var network = dev.stack().network();
        assertThat(securityGroupRules(dev.template(), endpointGroup(), "Ingress")).containsExactlyInAnyOrder(
                "tcp:443-443 sg:" + logicalId(network.apiFunction()),
                "tcp:443-443 sg:" + logicalId(network.migrationsFunction()),
                "tcp:443-443 sg:" + logicalId(network.rotationFunction()));
    }

    private String endpointGroup() {
        var endpoint = dev.stack().network().secretsManagerEndpoint();
        return logicalId(endpoint.getConnections().getSecurityGroups().getFirst());
    }
}
