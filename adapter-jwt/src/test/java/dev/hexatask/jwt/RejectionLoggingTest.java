package dev.hexatask.jwt;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hexatask.application.port.out.AuthenticationResult;
import dev.hexatask.jwt.testing.TestIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused token is logged once at debug with its reason, and neither the log nor the reason quotes it. */
class RejectionLoggingTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(CognitoAccessTokenAuthenticator.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level previousLevel;
    private TestIdentityProvider idp;

    @BeforeEach
    void capture() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        events.start();
        logger.addAppender(events);
        idp = TestIdentityProvider.start();
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
        logger.setLevel(previousLevel);
        idp.close();
    }

    @Test
    void logsTheReasonAtDebugWithoutTheToken() {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings());
        String expired = idp.accessToken("sub-1", "alice",
                claims -> claims.expirationTime(new java.util.Date(0)).issueTime(new java.util.Date(0)));
        String[] segments = expired.split("\\.");

        AuthenticationResult result = authenticator.authenticate("Bearer " + expired);

        assertThat(result).isEqualTo(new AuthenticationResult.Rejected("token failed verification: Expired JWT"));
        assertThat(events.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).isEqualTo("Bearer token rejected: token failed verification: "
                    + "Expired JWT");
        });
        for (ILoggingEvent event : events.list) {
            for (String segment : segments) {
                assertThat(event.getFormattedMessage()).doesNotContain(segment);
            }
        }
    }

    @Test
    void keepsCallerChosenClaimValuesOnOneLine() {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings());
        String forged = idp.accessToken("sub-1", "alice",
                claims -> claims.issuer("https://evil.example\n12:00:00 INFO user admin logged in"));

        authenticator.authenticate("Bearer " + forged);

        assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(line -> assertThat(line).doesNotContain("\n").doesNotContain("\r"));
    }

    @Test
    void warnsWhenTheKeysCannotBeFetchedAndStillLogsNoToken() {
        var authenticator = new CognitoAccessTokenAuthenticator(idp.settings());
        String token = idp.accessToken("sub-1", "alice");
        idp.stopServing();

        authenticator.authenticate("Bearer " + token);

        List<ILoggingEvent> warnings = events.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).singleElement().satisfies(event ->
                assertThat(event.getFormattedMessage()).startsWith("Signing keys unavailable from "
                        + idp.jwksUrl()));
        assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains(token.split("\\.")[2]));
    }
}
