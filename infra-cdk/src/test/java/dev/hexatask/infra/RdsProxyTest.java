package dev.hexatask.infra;

import static dev.hexatask.infra.Templates.getAtt;
import static dev.hexatask.infra.Templates.logicalId;
import static dev.hexatask.infra.Templates.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class RdsProxyTest {

    static Synth.Result withProxy(String stage) {
        return Synth.variant(stage, Map.of("rdsProxy", "true", "frontendDist", Synth.DIST.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void withoutTheOptionTheApiSignsInStraightToTheDatabaseWithThePassword(String stage) {
        var result = Synth.stage(stage);
        var template = result.template();
        var stack = result.stack();
        assertThat(Templates.resources(template, "AWS::RDS::DBProxy")).isEmpty();
        assertThat(Templates.resources(template, "AWS::RDS::DBProxyTargetGroup")).isEmpty();
        assertThat(stack.network().proxy()).isEmpty();
        assertThat(String.valueOf(Templates.properties(Templates.resource(template,
                logicalId(stack.functions().api()))).get("Environment"))).doesNotContain("DB_PROXY_ENDPOINT");
        assertThat(Templates.statementsOfRole(template, logicalId(stack.functions().api().getRole())))
                .noneMatch(statement -> Templates.actions(statement).contains("rds-db:connect"));
        var database = logicalId(stack.network().database());
        assertThat(Templates.securityGroupRules(template, logicalId(stack.network().apiFunction()), "Egress"))
                .contains("tcp:5432-5432 sg:" + database);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theProxyReadsTheApplicationsSecretRequiresTlsAndIamAndPointsAtTheInstance(String stage) {
        var result = withProxy(stage);
        var template = result.template();
        var stack = result.stack();
        assertThat(result.nagErrors()).extracting(message -> message.getId() + " " + message.getEntry().getData())
                .isEmpty();
        var proxy = stack.database().proxy().orElseThrow();
        var proxyId = logicalId(proxy);
        var proxies = Templates.resources(template, "AWS::RDS::DBProxy");
        assertThat(proxies).containsOnlyKeys(proxyId);
        var properties = Templates.properties(proxies.get(proxyId));
        assertThat(properties).containsEntry("DBProxyName", "hexatask-" + stage)
                .containsEntry("EngineFamily", "POSTGRESQL")
                .containsEntry("RequireTLS", true)
                .containsEntry("DebugLogging", false)
                .containsEntry("IdleClientTimeout", 1800)
                .containsEntry("Auth", List.of(Map.of("AuthScheme", "SECRETS", "IAMAuth", "REQUIRED",
                        "SecretArn", ref(logicalId(stack.database().applicationSecret())))))
                .containsEntry("VpcSecurityGroupIds", List.of(getAtt(logicalId(stack.network().proxy().orElseThrow()),
                        "GroupId")));
        assertThat(String.valueOf(properties.get("VpcSubnetIds"))).contains("dataSubnet").doesNotContain("public");

        var targets = Templates.resources(template, "AWS::RDS::DBProxyTargetGroup");
        assertThat(targets).hasSize(1);
        var target = Templates.properties(targets.values().iterator().next());
        assertThat(target).containsEntry("DBProxyName", ref(proxyId))
                .containsEntry("TargetGroupName", "default")
                .containsEntry("DBInstanceIdentifiers", List.of(ref(logicalId(stack.database().instance()))));
        assertThat(String.valueOf(target.get("ConnectionPoolConfigurationInfo")))
                .contains("MaxConnectionsPercent=80", "ConnectionBorrowTimeout=5");

        // The proxy's own role may read the application's secret and nothing else.
        var proxyRole = String.valueOf(((Map<?, ?>) properties.get("RoleArn")).get("Fn::GetAtt"));
        var roleId = proxyRole.substring(1, proxyRole.indexOf(','));
        var statements = Templates.statementsOfRole(template, roleId);
        assertThat(statements).filteredOn(s -> Templates.actions(s).contains("secretsmanager:GetSecretValue"))
                .singleElement().satisfies(s -> assertThat(s.get("Resource"))
                        .isEqualTo(ref(logicalId(stack.database().applicationSecret()))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theApiConnectsToTheProxyWithIamAsEitherApplicationUserAndReachesTheDatabaseOnlyThroughIt(String stage) {
        var result = withProxy(stage);
        var template = result.template();
        var stack = result.stack();
        var proxyId = logicalId(stack.database().proxy().orElseThrow());

        var api = Templates.properties(Templates.resource(template, logicalId(stack.functions().api())));
        @SuppressWarnings("unchecked")
        var variables = (Map<String, Object>) ((Map<String, Object>) api.get("Environment")).get("Variables");
        assertThat(variables).containsEntry("DB_PROXY_ENDPOINT", getAtt(proxyId, "Endpoint"))
                .containsEntry("DB_SECRET_ARN", ref(logicalId(stack.database().applicationSecret())));
        var migrations = Templates.properties(Templates.resource(template, logicalId(stack.functions().migrations())));
        assertThat(String.valueOf(migrations.get("Environment"))).doesNotContain("DB_PROXY_ENDPOINT");

        var connect = Templates.statementsOfRole(template, logicalId(stack.functions().api().getRole())).stream()
                .filter(statement -> Templates.actions(statement).contains("rds-db:connect")).toList();
        assertThat(connect).isNotEmpty().allSatisfy(statement -> {
            assertThat(Templates.actions(statement)).containsExactly("rds-db:connect");
            assertThat(statement).containsEntry("Effect", "Allow");
        });
        var resources = String.valueOf(connect.stream().map(statement -> statement.get("Resource")).toList());
        assertThat(resources).contains(":rds-db:", ":dbuser:", proxyId, "/hexatask_app", "/hexatask_app_clone");
        assertThat(Templates.statementsOfRole(template, logicalId(stack.functions().migrations().getRole())))
                .noneMatch(statement -> Templates.actions(statement).contains("rds-db:connect"));

        var network = stack.network();
        var proxyGroup = logicalId(network.proxy().orElseThrow());
        var database = logicalId(network.database());
        assertThat(Templates.securityGroupRules(template, logicalId(network.apiFunction()), "Egress"))
                .contains("tcp:5432-5432 sg:" + proxyGroup).doesNotContain("tcp:5432-5432 sg:" + database);
        assertThat(Templates.securityGroupRules(template, proxyGroup, "Ingress"))
                .containsExactly("tcp:5432-5432 sg:" + logicalId(network.apiFunction()));
        // The proxy's construct opens its path on the instance's port (5432, as a reference to the endpoint's port).
        var instancePort = "{Fn::GetAtt=[" + logicalId(stack.database().instance()) + ", Endpoint.Port]}";
        assertThat(Templates.securityGroupRules(template, proxyGroup, "Egress"))
                .containsExactly("tcp:" + instancePort + "-" + instancePort + " sg:" + database);
        assertThat(Templates.securityGroupRules(template, database, "Ingress"))
                .contains("tcp:" + instancePort + "-" + instancePort + " sg:" + proxyGroup,
                        "tcp:5432-5432 sg:" + logicalId(network.migrationsFunction()),
                        "tcp:5432-5432 sg:" + logicalId(network.rotationFunction()))
                .doesNotContain("tcp:5432-5432 sg:" + logicalId(network.apiFunction()));
        template.hasOutput("DatabaseProxyEndpoint", Map.of("Value", getAtt(proxyId, "Endpoint")));
    }

    @Test
    void rdsProxyIsTrueOrFalse() {
        var app = new App(AppProps.builder().context(Map.of("lambdaArtifact", Synth.LAMBDA_ZIP.toString(),
                "rdsProxy", "yes")).build());
        assertThatThrownBy(() -> DeploymentOptions.fromContext(app.getNode()))
                .hasMessageContaining("rdsProxy must be true or false, was 'yes'");
        var off = new App(AppProps.builder().context(Map.of("lambdaArtifact", Synth.LAMBDA_ZIP.toString())).build());
        assertThat(DeploymentOptions.fromContext(off.getNode()).rdsProxy()).isFalse();
    }
}
