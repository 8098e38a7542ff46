package dev.hexatask.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.UserInvitationConfig;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolResourceServerOptions;
import software.amazon.awscdk.services.cognito.UserVerificationConfig;
import software.amazon.awscdk.services.cognito.VerificationEmailStyle;
import software.constructs.Construct;

/**
 * The Cognito user pool people sign up to, its managed-login domain, the {@code hexatask/api} scope and the
 * frontend's public app client (authorization code with PKCE; no secret, no password flows).
 *
 * <p>No custom attributes: Cognito never lets them be removed or retyped, and profile preferences (display name,
 * time zone) live in the database where they can evolve with migrations.
 */
public final class Identity extends Construct {

    public static final String RESOURCE_SERVER = "hexatask";
    public static final String API_SCOPE_NAME = "api";
    public static final String API_SCOPE = RESOURCE_SERVER + "/" + API_SCOPE_NAME;
    public static final String FRONTEND_SCOPES = "openid email profile " + API_SCOPE;
    public static final List<String> LOCAL_FRONTEND_ORIGINS = List.of("http://localhost:5173", "http://localhost:8080");

    private final UserPool userPool;
    private final UserPoolDomain domain;
    private final UserPoolClient frontendClient;

    public Identity(Construct scope, String id, StageSettings stage, String frontendUrl) {
        super(scope, id);
        userPool = UserPool.Builder.create(this, "UserPool")
                .userPoolName("hexatask-" + stage.name())
                .featurePlan(FeaturePlan.ESSENTIALS)
                .selfSignUpEnabled(true)
                .signInAliases(SignInAliases.builder().email(true).build())
                .signInCaseSensitive(false)
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .standardAttributes(StandardAttributes.builder()
                        .email(StandardAttribute.builder().required(true).mutable(true).build())
                        .build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(true)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .userVerification(UserVerificationConfig.builder()
                        .emailStyle(VerificationEmailStyle.CODE)
                        .emailSubject("Your Hexatask verification code")
                        .emailBody("Welcome to Hexatask. Your verification code is {####}.")
                        .build())
                .userInvitation(UserInvitationConfig.builder()
                        .emailSubject("You are invited to Hexatask")
                        .emailBody("You have been invited to Hexatask. Sign in as {username} with the temporary "
                                + "password {####} and choose your own password.")
                        .build())
                .deletionProtection(stage.isProd())
                .removalPolicy(stage.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();

        domain = userPool.addDomain("ManagedLogin", UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder()
                        .domainPrefix("hexatask-" + stage.name() + "-" + Aws.ACCOUNT_ID)
                        .build())
                .build());

        var resourceServer = userPool.addResourceServer("Api", UserPoolResourceServerOptions.builder()
                .identifier(RESOURCE_SERVER)
                .userPoolResourceServerName("Hexatask API")
                .scopes(List.of(ResourceServerScope.Builder.create()
                        .scopeName(API_SCOPE_NAME)
                        .scopeDescription("Read and change your own tasks and profile")
                        .build()))
                .build());

        var origins = new ArrayList<String>();
        origins.add(frontendUrl);
        if (stage.allowsLocalFrontends()) {
            origins.addAll(LOCAL_FRONTEND_ORIGINS);
        }
        var redirectUrls = origins.stream().map(origin -> origin + "/").toList();

        frontendClient = userPool.addClient("Frontend", UserPoolClientOptions.builder()
                .userPoolClientName("hexatask-" + stage.name() + "-frontend")
                .generateSecret(false)
                // Sign-in only through managed login; no password or SRP flows through the API.
                .authFlows(AuthFlow.builder()
                        .userPassword(false).adminUserPassword(false).userSrp(false).custom(false).user(false)
                        .build())
                .oAuth(OAuthSettings.builder()
                        .flows(OAuthFlows.builder()
                                .authorizationCodeGrant(true).implicitCodeGrant(false).clientCredentials(false)
                                .build())
                        .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE,
                                OAuthScope.resourceServer(resourceServer, ResourceServerScope.Builder.create()
                                        .scopeName(API_SCOPE_NAME)
                                        .scopeDescription("Read and change your own tasks and profile")
                                        .build())))
                        .callbackUrls(redirectUrls)
                        .logoutUrls(redirectUrls)
                        .build())
                .supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
                .preventUserExistenceErrors(true)
                .enableTokenRevocation(true)
                .accessTokenValidity(Duration.hours(1))
                .idTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.days(30))
                .authSessionValidity(Duration.minutes(5))
                .refreshTokenRotationGracePeriod(Duration.seconds(10))
                .build());

        NagSuppressions.addResourceSuppressions(userPool, List.of(
                Nag.suppress("AwsSolutions-COG2",
                        "MFA is optional by product decision so that sign-up stays open to everyone; TOTP is offered "
                                + "and every user can turn it on."),
                Nag.suppress("AwsSolutions-COG3",
                        "Threat protection (advanced security) needs the Plus feature plan, billed per active user; "
                                + "the pool uses Essentials with hidden user-existence errors and a strong password "
                                + "policy. Revisit when the user base justifies the cost.")), true);
    }

    public UserPool userPool() {
        return userPool;
    }

    public UserPoolDomain domain() {
        return domain;
    }

    public UserPoolClient frontendClient() {
        return frontendClient;
    }

    /**
     * The OIDC issuer the API trusts: {@code https://cognito-idp.<region>.amazonaws.com/<pool id>}. CloudFormation's
     * ProviderURL attribute lacks the scheme, and token {@code iss} claims carry it.
     */
    public String issuerUrl() {
        return "https://" + userPool.getUserPoolProviderUrl();
    }

    public String managedLoginUrl() {
        return domain.baseUrl();
    }
}
