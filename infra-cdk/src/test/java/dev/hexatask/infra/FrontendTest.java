package dev.hexatask.infra;

import static dev.hexatask.infra.Templates.logicalId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;

class FrontendTest {

    /** CloudFront's managed cache policies, by their fixed ids. */
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";

    private final Synth.Result dev = Synth.stage("dev");

    @Test
    void siteBucketIsPrivateEncryptedVersionedAndRefusesPlainHttp() {
        var template = dev.template();
        var site = logicalId(dev.stack().getNode().findChild("Frontend").getNode().findChild("Site"));
        var bucket = Templates.properties(Templates.resource(template, site));
        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true));
        assertThat(String.valueOf(bucket.get("BucketEncryption"))).contains("SSEAlgorithm=AES256");
        assertThat(bucket.get("VersioningConfiguration")).isEqualTo(Map.of("Status", "Enabled"));
        assertThat(String.valueOf(bucket.get("LoggingConfiguration"))).contains("DestinationBucketName");
        template.hasResourceProperties("AWS::S3::BucketPolicy", Match.objectLike(Map.of(
                "Bucket", Templates.ref(site),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }

    @Test
    void distributionServesTheSpaThroughOriginAccessControl() {
        var template = dev.template();
        template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        var config = String.valueOf(Templates.properties(
                Templates.onlyResource(template, "AWS::CloudFront::Distribution")).get("DistributionConfig"));
        assertThat(config).contains("DefaultRootObject=index.html", "OriginAccessControlId",
                "ViewerProtocolPolicy=redirect-to-https");
        template.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of(
                "DistributionConfig", Match.objectLike(Map.of(
                        "CustomErrorResponses", List.of(
                                Map.of("ErrorCode", 403, "ResponseCode", 200, "ResponsePagePath", "/index.html",
                                        "ErrorCachingMinTTL", 0),
                                Map.of("ErrorCode", 404, "ResponseCode", 200, "ResponsePagePath", "/index.html",
                                        "ErrorCachingMinTTL", 0)),
                        "DefaultCacheBehavior", Match.objectLike(Map.of("CachePolicyId", CACHING_DISABLED)),
                        "CacheBehaviors", List.of(Match.objectLike(Map.of(
                                "PathPattern", "/assets/*", "CachePolicyId", CACHING_OPTIMIZED))),
                        "Logging", Match.objectLike(Map.of("Prefix", "cloudfront/")))))));
    }

    @Test
    void responsesCarrySecurityHeaders() {
        var policy = String.valueOf(Templates.properties(Templates.onlyResource(dev.template(),
                "AWS::CloudFront::ResponseHeadersPolicy")));
        assertThat(policy).contains("ContentSecurityPolicy=", "default-src 'self'", "frame-ancestors 'none'",
                "connect-src 'self' https://*.execute-api.", "amazoncognito.com",
                "StrictTransportSecurity={AccessControlMaxAgeSec=63072000, IncludeSubdomains=true",
                "FrameOption=DENY", "ContentTypeOptions={Override=true}",
                "ReferrerPolicy=strict-origin-when-cross-origin");
    }

    @Test
    void builtAppIsUploadedWithLongLivedAssetsAndUncachedShell() {
        var deployments = Templates.resources(dev.template(), "Custom::CDKBucketDeployment").values().stream()
                .map(Templates::properties).toList();
        assertThat(deployments).hasSize(3).allSatisfy(deployment -> assertThat(deployment).containsEntry("Prune", false));
        assertThat(deployments).anySatisfy(deployment -> assertThat(deployment)
                .containsEntry("DestinationBucketKeyPrefix", "assets/")
                .containsEntry("SystemMetadata", Map.of("cache-control", "public, max-age=31536000, immutable")));
        assertThat(deployments).filteredOn(deployment -> !deployment.containsKey("DestinationBucketKeyPrefix"))
                .hasSize(2)
                .allSatisfy(deployment -> assertThat(deployment).containsEntry("SystemMetadata",
                        Map.of("cache-control", "no-cache, max-age=0, must-revalidate")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void withoutAFrontendBuildOnlyConfigJsonIsDeployed(String stage) {
        var withoutBuild = Synth.variant(stage, Map.of());
        var deployments = Templates.resources(withoutBuild.template(), "Custom::CDKBucketDeployment");
        assertThat(deployments).hasSize(1);
        assertThat(Templates.properties(deployments.values().iterator().next())).containsKey("SourceMarkers");
    }

    @Test
    @SuppressWarnings("unchecked")
    void configJsonHasTheLocalStacksShapeFilledWithThisStagesValues() throws IOException {
        var stack = dev.stack();
        var deployment = Templates.resources(dev.template(), "Custom::CDKBucketDeployment").values().stream()
                .map(Templates::properties)
                .filter(properties -> properties.containsKey("SourceMarkers"))
                .findFirst().orElseThrow();
        var assetHash = ((List<String>) deployment.get("SourceObjectKeys")).getFirst().replace(".zip", "");
        var outdir = Path.of(((App) stack.getNode().getRoot()).getOutdir());
        var json = Files.readString(outdir.resolve("asset." + assetHash).resolve("config.json"));
        var markers = ((List<Map<String, Object>>) deployment.get("SourceMarkers")).getFirst();
        for (var marker : markers.entrySet()) {
            json = json.replace(marker.getKey(), "\"" + marker.getValue().toString().replace("\"", "'") + "\"");
        }
        var config = new ObjectMapper().readValue(json, Map.class);
        assertThat(config).containsOnlyKeys("apiBaseUrl", "region", "auth");
        assertThat(String.valueOf(config.get("apiBaseUrl")))
                .contains(logicalId(stack.api().restApi()), ".execute-api.", "/dev'").doesNotEndWith("/dev/'");
        assertThat(String.valueOf(config.get("region"))).contains("AWS::Region");
        var auth = (Map<String, Object>) config.get("auth");
        assertThat(auth).containsOnlyKeys("authority", "clientId", "scopes", "managedLoginDomain")
                .containsEntry("scopes", "openid email profile hexatask/api");
        assertThat(String.valueOf(auth.get("authority"))).contains("https://", "ProviderURL");
        assertThat(String.valueOf(auth.get("clientId"))).contains("IdentityUserPoolFrontend");
        assertThat(String.valueOf(auth.get("managedLoginDomain"))).contains("https://", "IdentityUserPoolManagedLogin",
                ".auth.", "amazoncognito.com");
    }
}
