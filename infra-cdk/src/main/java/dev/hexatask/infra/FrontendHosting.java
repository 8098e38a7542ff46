package dev.hexatask.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ErrorResponse;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.CacheControl;
import software.amazon.awscdk.services.s3.deployment.ISource;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The single-page app: a private bucket served through CloudFront with origin access control, SPA fallback,
 * security headers, long-lived hashed assets and never-cached {@code index.html} / {@code config.json}.
 */
public final class FrontendHosting extends Construct {

    public static final String CONFIG_FILE = "config.json";
    public static final String HASHED_ASSETS = "assets";
    public static final String NO_CACHE = "no-cache, max-age=0, must-revalidate";
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final StageSettings stage;
    private final Bucket site;
    private final Distribution distribution;

    public FrontendHosting(Construct scope, String id, DeploymentOptions options) {
        super(scope, id);
        stage = options.stage();
        var disposable = stage.statefulRemovalPolicy() == RemovalPolicy.DESTROY;
        var logs = Bucket.Builder.create(this, "AccessLogs")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                // CloudFront standard logging writes with ACLs, which need object-writer ownership.
                .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .expiration(Duration.days(stage.accessLogExpirationDays()))
                        .build()))
                .removalPolicy(stage.statefulRemovalPolicy())
                .autoDeleteObjects(disposable)
                .build();

        site = Bucket.Builder.create(this, "Site")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(true)
                .serverAccessLogsBucket(logs)
                .serverAccessLogsPrefix("s3/")
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .noncurrentVersionExpiration(Duration.days(30))
                        .build()))
                .removalPolicy(stage.statefulRemovalPolicy())
                .autoDeleteObjects(disposable)
                .build();

        IOrigin origin = S3BucketOrigin.withOriginAccessControl(site);
        var headers = securityHeaders(options);
        distribution = Distribution.Builder.create(this, "Distribution")
                .comment("Hexatask " + stage.name() + " frontend")
                .defaultRootObject("index.html")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(origin)
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_DISABLED)
                        .responseHeadersPolicy(headers)
                        .compress(true)
                        .build())
                .additionalBehaviors(Map.of("/" + HASHED_ASSETS + "/*", BehaviorOptions.builder()
                        .origin(origin)
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(headers)
                        .compress(true)
                        .build()))
                // Deep links (/tasks/123) are routes of the app, not objects: serve index.html and let it route.
                .errorResponses(List.of(spaFallback(403), spaFallback(404)))
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .enableLogging(true)
                .logBucket(logs)
                .logFilePrefix("cloudfront/")
                .build();
        NagSuppressions.addResourceSuppressions(distribution, List.of(
                Nag.suppress("AwsSolutions-CFR1",
                        "No geo restriction: Hexatask is offered worldwide."),
                Nag.suppress("AwsSolutions-CFR2",
                        "No WAF on the static site: it serves only public, immutable files from a private bucket; "
                                + "the API behind it is protected by Cognito and throttling."),
                Nag.suppress("AwsSolutions-CFR4",
                        "The default *.cloudfront.net certificate is used, for which CloudFront fixes the TLS "
                                + "policy; a custom domain with TLSv1.2_2021 is the upgrade path.")), true);
    }

    private ResponseHeadersPolicy securityHeaders(DeploymentOptions options) {
        var region = Stack.of(this).getRegion();
        var policy = FrontendSecurityPolicy.load();
        // The app talks to the API (execute-api or a custom domain on HTTPS) and to Cognito (discovery on
        // cognito-idp, tokens on the managed-login domain); nothing else may be loaded or called.
        var csp = policy.contentSecurityPolicy(
                "https://*.execute-api." + region + ".amazonaws.com"
                        + options.apiDomain().map(domain -> " https://" + domain.domainName()).orElse(""),
                "https://cognito-idp." + region + ".amazonaws.com https://*.auth." + region + ".amazoncognito.com");
        return ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
                .comment("Hexatask " + stage.name() + " security headers")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                .contentSecurityPolicy(csp).override(true).build())
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.seconds(policy.strictTransportSecurityMaxAgeSeconds()))
                                .includeSubdomains(true)
                                .preload(true)
                                .override(true)
                                .build())
                        .frameOptions(ResponseHeadersFrameOptions.builder()
                                .frameOption(policy.frameOption()).override(true).build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(policy.referrerPolicy())
                                .override(true)
                                .build())
                        .build())
                .build();
    }

    private static ErrorResponse spaFallback(int status) {
        return ErrorResponse.builder()
                .httpStatus(status)
                .responseHttpStatus(200)
                .responsePagePath("/index.html")
                .ttl(Duration.seconds(0))
                .build();
    }

    /**
     * Uploads the built app (when {@code dist} exists) and the generated {@code config.json}. Nothing is pruned:
     * browsers still running the previous release keep finding its hashed assets.
     */
    public void deployContent(Map<String, Object> config, Optional<Path> dist) {
        dist.ifPresent(folder -> {
            deploy("DeployShell", Source.asset(folder.toString(), AssetOptions.builder()
                    .exclude(List.of(HASHED_ASSETS + "/**", CONFIG_FILE))
                    .build()), NO_CACHE, null);
            var assets = folder.resolve(HASHED_ASSETS);
            if (Files.isDirectory(assets)) {
                deploy("DeployAssets", Source.asset(assets.toString()), IMMUTABLE, HASHED_ASSETS + "/");
            }
        });
        deploy("DeployConfig", Source.jsonData(CONFIG_FILE, config), NO_CACHE, null);

        IConstruct handler = Stack.of(this).getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("Custom::CDKBucketDeployment"))
                .findFirst()
                .orElseThrow();
        NagSuppressions.addResourceSuppressions(handler, List.of(
                Nag.suppress("AwsSolutions-IAM4",
                        "CDK's BucketDeployment handler uses AWSLambdaBasicExecutionRole for its own logs only.",
                        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
                Nag.suppress("AwsSolutions-IAM5",
                        "CDK's BucketDeployment handler copies whole prefixes: read (s3:GetObject*, s3:GetBucket*, "
                                + "s3:List*) on the CDK asset bucket, write and delete on objects of this site "
                                + "bucket only; the wildcards are object keys and action families, not buckets."),
                Nag.suppress("AwsSolutions-L1",
                        "The BucketDeployment handler's runtime is chosen and updated by aws-cdk-lib.")), true);
    }

    private void deploy(String id, ISource source, String cacheControl, String prefix) {
        var deployment = BucketDeployment.Builder.create(this, id)
                .sources(List.of(source))
                .destinationBucket(site)
                .prune(false)
                .memoryLimit(512)
                .cacheControl(List.of(CacheControl.fromString(cacheControl)));
        if (prefix != null) {
            deployment.destinationKeyPrefix(prefix);
        }
        deployment.build();
    }

    /** The {@code config.json} the frontend reads at start-up: the same shape the local stack serves. */
    public static Map<String, Object> config(String apiBaseUrl, String region, String issuerUrl, String clientId,
            String managedLoginUrl) {
        var auth = new LinkedHashMap<String, Object>();
        auth.put("authority", issuerUrl);
        auth.put("clientId", clientId);
        auth.put("scopes", Identity.FRONTEND_SCOPES);
        auth.put("managedLoginDomain", managedLoginUrl);
        var config = new LinkedHashMap<String, Object>();
        config.put("apiBaseUrl", apiBaseUrl);
        config.put("region", region);
        config.put("auth", auth);
        return config;
    }

    public Bucket site() {
        return site;
    }

    public Distribution distribution() {
        return distribution;
    }

    public String url() {
        return "https://" + distribution.getDistributionDomainName();
    }
}
