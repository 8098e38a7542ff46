package dev.hexatask.javalin.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import kotlin.jvm.functions.Function1;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.OAuth2HttpServer;
import no.nav.security.mock.oauth2.http.Ssl;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.List;

/**
 * Gives the local provider's ID tokens Amazon Cognito's ID-token shape: {@code token_use=id}, {@code aud} = the
 * client id, {@code cognito:username}, and neither {@code scope} nor {@code client_id}. mock-oauth2-server builds
 * both tokens of a token response from one set of claims (the access token's), so the ID token is re-issued here,
 * signed with the same key, on its way out of the token endpoint. With it an app that sends the ID token to the
 * API is refused on a laptop, as it would be in AWS.
 *
 * <p>The rewrite works on the token endpoint's answer as the browser receives it, not on the library's internals,
 * so it holds across the library's versions; {@code LocalIdentityProviderTest} checks both tokens' shapes.
 */
final class CognitoShapedIdTokens implements OAuth2HttpServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OAuth2HttpServer server;
    private final RSASSASigner signer;
    private final String keyId;

    CognitoShapedIdTokens(OAuth2HttpServer server, RSAKey signingKey) throws JOSEException {
        this.server = server;
        this.signer = new RSASSASigner(signingKey);
        this.keyId = signingKey.getKeyID();
    }

    @Override
    public OAuth2HttpServer start(Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> handler) {
        server.start(rewriting(handler));
        return this;
    }

    @Override
    public OAuth2HttpServer start(int port, Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> handler) {
        server.start(port, rewriting(handler));
        return this;
    }

    @Override
    public OAuth2HttpServer start(InetAddress address, int port,
                                  Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> handler) {
        server.start(address, port, rewriting(handler));
        return this;
    }

    @Override
    public OAuth2HttpServer stop() {
        server.stop();
        return this;
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public HttpUrl url(String path) {
        return server.url(path);
    }

    @Override
    public Ssl sslConfig() {
        return server.sslConfig();
    }

    private Function1<OAuth2HttpRequest, OAuth2HttpResponse> rewriting(
            Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> handler) {
        return request -> withCognitoIdToken(handler.invoke(request));
    }

    private OAuth2HttpResponse withCognitoIdToken(OAuth2HttpResponse response) {
        String body = response.getBody();
        if (response.getStatus() != 200 || body == null || !body.contains("\"id_token\"")) {
            return response;
        }
        try {
            JsonNode tokens = JSON.readTree(body);
            if (!(tokens instanceof ObjectNode answer) || !tokens.path("id_token").isTextual()) {
                return response;
            }
            answer.put("id_token", cognitoIdToken(SignedJWT.parse(tokens.path("id_token").asText())));
            return new OAuth2HttpResponse(response.getHeaders(), response.getStatus(),
                    JSON.writeValueAsString(answer), response.getBytesBody());
        } catch (IOException | ParseException | JOSEException e) {
            // A token the provider made but this class cannot read is a defect here; fail the sign-in loudly.
            throw new IllegalStateException("could not re-issue the local ID token in Cognito's shape", e);
        }
    }

    private String cognitoIdToken(SignedJWT issued) throws ParseException, JOSEException {
        JWTClaimsSet claims = issued.getJWTClaimsSet();
        JWTClaimsSet.Builder idToken = new JWTClaimsSet.Builder(claims)
                .claim("token_use", "id")
                .claim("cognito:username", claims.getStringClaim("username"))
                .claim("username", null)
                .claim("scope", null)
                .claim("client_id", null);
        String clientId = claims.getStringClaim("client_id");
        if (clientId != null) {
            idToken.audience(List.of(clientId));
        }
        SignedJWT reissued = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId)
                .type(JOSEObjectType.JWT).build(), idToken.build());
        reissued.sign(signer);
        return reissued.serialize();
    }
}
