package dev.hexatask.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService;
import software.amazon.awssdk.regions.Region;

import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The URL-connection client is the only HTTP client the SDK can find: nothing heavier is loaded on a cold start. */
class HttpClientClassPathTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "software.amazon.awssdk.http.apache.ApacheHttpClient",
            "software.amazon.awssdk.http.apache5.Apache5HttpClient",
            "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient",
            "software.amazon.awssdk.http.crt.AwsCrtHttpClient",
            "org.apache.http.impl.client.CloseableHttpClient",
            "org.apache.hc.client5.http.impl.classic.CloseableHttpClient",
            "io.netty.channel.Channel",
    })
    void heavierHttpClientsAreNotOnTheClassPath(String className) {
        assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theSdkFindsOnlyTheUrlConnectionClient() {
        var services = ServiceLoader.load(SdkHttpService.class).stream().map(ServiceLoader.Provider::type).toList();

        assertThat(services).containsExactly(UrlConnectionSdkHttpService.class);
    }

    @Test
    void theLambdaClientTakesItsRegionFromAwsRegion() {
        try (var client = SecretsManagerClients.forLambda(Map.of("AWS_REGION", "eu-central-1"))) {
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
        }
    }

    @Test
    void theLambdaClientNamesAMissingRegion() {
        assertThatThrownBy(() -> SecretsManagerClients.forLambda(Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_REGION");
        assertThatThrownBy(() -> SecretsManagerClients.forLambda(Map.of("AWS_REGION", " ")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_REGION");
    }
}
