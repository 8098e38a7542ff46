package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyEventsTest {

    private static APIGatewayProxyRequestEvent get(String path) {
        return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath(path);
    }

    @Test
    void multiValueMapsWinOverSingleValueOnes() throws Exception {
        HttpRequest request = ProxyEvents.toRequest(get("/tasks")
                .withQueryStringParameters(Map.of("status", "DONE"))
                .withMultiValueQueryStringParameters(Map.of("status", List.of("OPEN", "DONE")))
                .withHeaders(Map.of("accept", "application/json"))
                .withMultiValueHeaders(Map.of("Accept", List.of("text/plain", "application/json"))));
        assertThat(request.query()).containsEntry("status", List.of("OPEN", "DONE"));
        assertThat(request.headers().all("ACCEPT")).containsExactly("text/plain", "application/json");
    }

    @Test
    void singleValueMapsServeWhenAlone() throws Exception {
        HttpRequest request = ProxyEvents.toRequest(get("/tasks")
                .withQueryStringParameters(Map.of("q", "milk & honey"))
                .withHeaders(Map.of("aUtHoRiZaTiOn", "Bearer x")));
        assertThat(request.query()).containsEntry("q", List.of("milk & honey"));
        assertThat(request.headers().first("Authorization")).contains("Bearer x");
    }

    @Test
    void nullMapsAndBodyAreEmpty() throws Exception {
        HttpRequest request = ProxyEvents.toRequest(get("/health"));
        assertThat(request.query()).isEmpty();
        assertThat(request.headers()).isEqualTo(HttpHeaders.EMPTY);
        assertThat(request.bodyLength()).isZero();
        assertThat(request.transportRequestId()).isEmpty();
        assertThat(request.sourceAddress()).isEmpty();
    }

    @Test
    void base64BodiesAreDecodedToTheirBytes() throws Exception {
        byte[] bytes = {(byte) 0xFF, 0, (byte) 0xC3, 0x28, '{'};
        HttpRequest request = ProxyEvents.toRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/tasks").withIsBase64Encoded(true).withBody(Base64.getEncoder().encodeToString(bytes)));
        assertThat(request.body()).isEqualTo(bytes);
    }

    @Test
    void textBodiesAreUtf8() throws Exception {
        HttpRequest request = ProxyEvents.toRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/tasks").withIsBase64Encoded(false).withBody("{\"title\":\"Ünïcødé 🎉\"}"));
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"Ünïcødé 🎉\"}");
    }

    @Test
    void aBodyThatIsNotBase64IsUnreadable() {
        assertThatThrownBy(() -> ProxyEvents.toRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/tasks").withIsBase64Encoded(true).withBody("not base64 at all!")))
                .isInstanceOf(ProxyEvents.UnreadableEventException.class).hasMessageContaining("base64");
    }

    @Test
    void eventsWithoutMethodOrPathAreUnreadable() {
        assertThatThrownBy(() -> ProxyEvents.toRequest(null)).isInstanceOf(ProxyEvents.UnreadableEventException.class);
        assertThatThrownBy(() -> ProxyEvents.toRequest(new APIGatewayProxyRequestEvent().withPath("/tasks")))
                .hasMessageContaining("httpMethod");
        assertThatThrownBy(() -> ProxyEvents.toRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")))
                .hasMessageContaining("path");
    }

    @Test
    void theRequestIdAndSourceComeFromTheRequestContext() throws Exception {
        HttpRequest request = ProxyEvents.toRequest(get("/health").withRequestContext(
                new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("c6af9ac6-7b61-11e6-9a41")
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("198.51.100.7"))));
        assertThat(request.transportRequestId()).contains("c6af9ac6-7b61-11e6-9a41");
        assertThat(request.sourceAddress()).contains("198.51.100.7");
    }

    @Test
    void theStageIsStrippedWhenItPrefixesThePath() throws Exception {
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext().withStage("prod");
        assertThat(ProxyEvents.toRequest(get("/prod/tasks/summary").withRequestContext(context)).path())
                .isEqualTo("/tasks/summary");
        assertThat(ProxyEvents.toRequest(get("/prod").withRequestContext(context)).path()).isEqualTo("/");
        assertThat(ProxyEvents.toRequest(get("/tasks").withRequestContext(context)).path()).isEqualTo("/tasks");
        assertThat(ProxyEvents.toRequest(get("/production/tasks").withRequestContext(context)).path())
                .isEqualTo("/production/tasks");
    }

    @Test
    void theResourceTellsWhereTheApiPathStartsBehindABasePath() throws Exception {
        APIGatewayProxyRequestEvent event = get("/v1/tasks/0190c5a8-0000-7000-8000-000000000001")
                .withResource("/{proxy+}")
                .withPathParameters(Map.of("proxy", "tasks/0190c5a8-0000-7000-8000-000000000001"))
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withStage("v1"));
        assertThat(ProxyEvents.toRequest(event).path()).isEqualTo("/tasks/0190c5a8-0000-7000-8000-000000000001");
        APIGatewayProxyRequestEvent explicit = get("/api/tasks/summary").withResource("/tasks/summary");
        assertThat(ProxyEvents.toRequest(explicit).path()).isEqualTo("/tasks/summary");
        APIGatewayProxyRequestEvent root = get("/").withResource("/");
        assertThat(ProxyEvents.toRequest(root).path()).isEqualTo("/");
    }

    @Test
    void anEmptySegmentInTheGreedyParameterIsKept() throws Exception {
        APIGatewayProxyRequestEvent event = get("//tasks").withResource("/{proxy+}")
                .withPathParameters(Map.of("proxy", "/tasks"));
        assertThat(ProxyEvents.toRequest(event).path()).isEqualTo("//tasks");
    }

    @Test
    void anEncodedSlashStaysInItsSegment() throws Exception {
        APIGatewayProxyRequestEvent event = get("/tasks/a%2Fb").withResource("/{proxy+}")
                .withPathParameters(Map.of("proxy", "tasks/a/b"));
        assertThat(ProxyEvents.toRequest(event).path()).isEqualTo("/tasks/a%2Fb");
    }

    @Test
    void decodedCharactersInThePathAreEncodedAgain() throws Exception {
        assertThat(ProxyEvents.toRequest(get("/tasks/ä b")).path()).isEqualTo("/tasks/%C3%A4%20b");
        assertThat(ProxyEvents.toRequest(get("/tasks/%zz")).path()).as("left to the router").isEqualTo("/tasks/%zz");
    }

    @Test
    void responsesCarryEveryHeaderValueAndTextBodies() {
        HttpResponse response = new HttpResponse(201, HttpHeaders.of("Content-Type", "application/json",
                "Vary", "Origin", "vary", "Accept"), "{\"title\":\"é\"}".getBytes(StandardCharsets.UTF_8));
        APIGatewayProxyResponseEvent event = ProxyEvents.toEvent(response);
        assertThat(event.getStatusCode()).isEqualTo(201);
        assertThat(event.getMultiValueHeaders()).containsEntry("Vary", List.of("Origin", "Accept"));
        assertThat(event.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getBody()).isEqualTo("{\"title\":\"é\"}");
    }

    @Test
    void bodiesThatAreNotUtf8TextGoBase64() {
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF};
        APIGatewayProxyResponseEvent event = ProxyEvents.toEvent(new HttpResponse(200, HttpHeaders.EMPTY, binary));
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(binary);
    }

    @Test
    void anEmptyBodyIsEmptyText() {
        APIGatewayProxyResponseEvent event = ProxyEvents.toEvent(HttpResponse.of(204));
        assertThat(event.getBody()).isEmpty();
        assertThat(event.getIsBase64Encoded()).isFalse();
    }
}
