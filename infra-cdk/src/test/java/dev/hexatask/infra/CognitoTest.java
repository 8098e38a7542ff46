package dev.hexatask.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Match;

class CognitoTest {

    private final Synth.Result dev = Synth.stage("dev");

    @Test
    void userPoolSignsUpByEmailWithAStrongPasswordAndOptionalTotp() {
        var pool = Templates.properties(Templates.onlyResource(dev.template(), "AWS::Cognito::UserPool"));
        assertThat(pool).containsEntry("UsernameAttributes", List.of("email"))
                .containsEntry("AutoVerifiedAttributes", List.of("email"))
                .containsEntry("MfaConfiguration", "OPTIONAL")
                .containsEntry("EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"))
                .containsEntry("AccountRecoverySetting",
                        Map.of("RecoveryMechanisms", List.of(Map.of("Name", "verified_email", "Priority", 1))));
        assertThat(String.valueOf(pool.get("Policies"))).contains("MinimumLength=12", "RequireLowercase=true",
                "RequireUppercase=true", "RequireNumbers=true", "RequireSymbols=true");
        assertThat(String.valueOf(pool.get("VerificationMessageTemplate")))
                .contains("DefaultEmailOption=CONFIRM_WITH_CODE", "Hexatask", "{####}");
    }

    @Test
    void invitationEmailNamesTheApp() {
        var pool = Templates.properties(Templates.onlyResource(dev.template(), "AWS::Cognito::UserPool"));
        assertThat(String.valueOf(pool.get("AdminCreateUserConfig")))
                .contains("AllowAdminCreateUserOnly=false", "Hexatask", "{username}", "{####}");
    }

    @Test
    void noCustomAttributesBecauseTheyCanNeverBeChanged() {
        var pool = Templates.properties(Templates.onlyResource(dev.template(), "AWS::Cognito::UserPool"));
        assertThat(String.valueOf(pool.get("Schema"))).doesNotContain("custom:");
        assertThat(String.valueOf(pool.get("Schema"))).contains("Name=email", "Required=true");
    }

    @ParameterizedTest
    @CsvSource({"dev,INACTIVE,Delete", "staging,INACTIVE,Delete", "prod,ACTIVE,Retain"})
    void onlyProdProtectsThePoolFromDeletion(String stage, String protection, String deletionPolicy) {
        Synth.stage(stage).template().hasResource("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "DeletionPolicy", deletionPolicy,
                "Properties", Match.objectLike(Map.of("DeletionProtection", protection)))));
    }

    @Test
    void managedLoginDomainAndApiResourceServer() {
        dev.template().resourceCountIs("AWS::Cognito::UserPoolDomain", 1);
        dev.template().hasResourceProperties("AWS::Cognito::UserPoolResourceServer", Match.objectLike(Map.of(
                "Identifier", "hexatask",
                "Scopes", List.of(Match.objectLike(Map.of("ScopeName", "api"))))));
    }

    @ParameterizedTest
    @CsvSource({"dev,true", "prod,false"})
    void frontendClientIsPublicCodeFlowOnlyWithTheApiScope(String stage, boolean localhost) {
        var client = Templates.properties(Templates.onlyResource(Synth.stage(stage).template(),
                "AWS::Cognito::UserPoolClient"));
        assertThat(client).containsEntry("GenerateSecret", false)
                .containsEntry("AllowedOAuthFlows", List.of("code"))
                .containsEntry("AllowedOAuthFlowsUserPoolClient", true)
                .containsEntry("ExplicitAuthFlows", List.of())
                .containsEntry("PreventUserExistenceErrors", "ENABLED")
                .containsEntry("EnableTokenRevocation", true)
                .containsEntry("SupportedIdentityProviders", List.of("COGNITO"))
                .containsEntry("AccessTokenValidity", 60)
                .containsEntry("IdTokenValidity", 60)
                .containsEntry("RefreshTokenValidity", 43200)
                .containsEntry("RefreshTokenRotation", Map.of("Feature", "ENABLED", "RetryGracePeriodSeconds", 10));
        // The API scope is "<resource server identifier>/api"; the identifier comes from the resource server's Ref.
        assertThat(String.valueOf(client.get("AllowedOAuthScopes")))
                .contains("openid", "email", "profile", "{Ref=IdentityUserPoolApi", "/api");
        var callbacks = String.valueOf(client.get("CallbackURLs"));
        assertThat(callbacks).contains("https://", "FrontendDistribution");
        assertThat(callbacks.contains("http://localhost:5173/")).isEqualTo(localhost);
        assertThat(callbacks.contains("http://localhost:8080/")).isEqualTo(localhost);
        assertThat(String.valueOf(client.get("LogoutURLs"))).contains("FrontendDistribution");
    }
}
