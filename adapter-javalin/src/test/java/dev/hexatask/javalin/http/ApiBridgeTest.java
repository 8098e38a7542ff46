package dev.hexatask.javalin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hexatask.rest.RestSettings;
import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.http.ResponseBody;
import dev.hexatask.rest.policy.EdgeResponses;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a body written as it is sent reaches the client: its length, its chunks, and a body that fails midway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "https://app.hexatask.test";
    /** More than Jetty's response buffer (32 KiB): the response is committed before the body ends. */
    private static final int LARGER_THAN_JETTYS_BUFFER = 100 * 1024;

    private final EdgeResponses edge = RestSettings.allowingOrigins(List.of(APP)).edgeResponses();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Javalin server;

    @BeforeAll
    void start() {
        HttpRequest envelope = HttpRequest.of("GET", "/").withHeader("Origin", APP);
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.get("/streamed/{size}", ctx -> ApiBridge.send(
                    response(new StreamedBody(Integer.parseInt(ctx.pathParam("size")), false)), ctx,
                    () -> edge.lastResort(envelope, "r1")));
            config.routes.get("/failing/{size}", ctx -> ApiBridge.send(
                    response(new StreamedBody(Integer.parseInt(ctx.pathParam("size")), true)), ctx,
                    () -> edge.lastResort(envelope, "r1")));
        }).start();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private HttpResponse response(ResponseBody body) {
        return new HttpResponse(200, HttpHeaders.of("Content-Type", "application/json", "X-Request-Id", "r1"), body);
    }

    private java.net.http.HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).method("GET", BodyPublishers.noBody()).build(),
                BodyHandlers.ofByteArray());
    }

    @Test
    void aBodyThatFitsJettysBufferIsSentWithItsLength() throws Exception {
        var response = get("/streamed/6500");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("6500");
        assertThat(response.body()).isEqualTo(StreamedBody.content(6500));
    }

    @Test
    void aLargerBodyIsSentWholeInChunks() throws Exception {
        var response = get("/streamed/" + LARGER_THAN_JETTYS_BUFFER);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.body()).isEqualTo(StreamedBody.content(LARGER_THAN_JETTYS_BUFFER));
    }

    @Test
    void aBodyThatFailsBeforeAnythingWasSentIsAnsweredWithTheLastResort() throws Exception {
        var response = get("/failing/6500");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("r1");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(500);
        assertThat(problem.path("instance").asText()).isEqualTo("r1");
    }

    @Test
    void aBodyThatFailsAfterItsStartWasSentIsCutOffNotFinishedAsIfWhole() {
        assertThatThrownBy(() -> get("/failing/" + LARGER_THAN_JETTYS_BUFFER)).isInstanceOf(IOException.class);
    }

    /** {@code size} bytes written in pieces as a JSON generator flushes them; failing at the end when asked to. */
    private record StreamedBody(int size, boolean fails) implements ResponseBody {

        static byte[] content(int size) {
            byte[] content = new byte[size];
            Arrays.fill(content, (byte) 'x');
            return content;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            byte[] content = content(size);
            for (int offset = 0; offset < size; offset += 8000) {
                out.write(content, offset, Math.min(8000, size - offset));
            }
            if (fails) {
                throw new IllegalStateException("a representation could not be written");
            }
        }

        @Override
        public byte[] bytes() {
            return content(size);
        }

        @Override
        public long knownLength() {
            return -1;
        }
    }
}
