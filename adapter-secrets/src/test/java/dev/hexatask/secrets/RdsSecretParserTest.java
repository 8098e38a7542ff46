package dev.hexatask.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.hexatask.secrets.FakeSecretsManager.json;
import static dev.hexatask.secrets.FakeSecretsManager.rdsJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RdsSecretParserTest {

    private static final String PASSWORD = "Pa55-w0rd_from-the-secret";

    @Test
    void readsEveryFieldOfAnRdsSecret() {
        var secret = RdsSecretParser.parse(rdsJson("app", PASSWORD, "db.abc123.eu-west-1.rds.amazonaws.com", 5432,
                "hexatask"));

        assertThat(secret).isEqualTo(new RdsSecret("app", PASSWORD, "db.abc123.eu-west-1.rds.amazonaws.com", 5432,
                "hexatask", "postgres"));
        assertThat(secret.credentials().username()).isEqualTo("app");
        assertThat(secret.credentials().password()).isEqualTo(PASSWORD);
    }

    @Test
    void ignoresTheExtraFieldsRdsAndItsRotationFunctionsAdd() {
        var fields = base();
        fields.put("dbInstanceIdentifier", "hexatask-dev");
        fields.put("dbClusterIdentifier", "hexatask");
        fields.put("masterarn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:master");

        assertThat(RdsSecretParser.parse(json(fields)).host()).isEqualTo("localhost");
    }

    @Test
    void defaultsTheDatabaseAndEngineLikeTheRotationFunctionsDo() {
        var fields = base();
        fields.remove("dbname");
        fields.remove("engine");

        var secret = RdsSecretParser.parse(json(fields));

        assertThat(secret.dbname()).isEqualTo("postgres");
        assertThat(secret.engine()).isEqualTo("postgres");
    }

    @Test
    void acceptsThePortAsDigitsInAString() {
        var fields = base();
        fields.put("port", "6543");

        assertThat(RdsSecretParser.parse(json(fields)).port()).isEqualTo(6543);
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "password", "host", "port"})
    void namesAMissingRequiredField(String field) {
        var fields = base();
        fields.remove(field);

        assertRejected(json(fields), "field \"" + field + "\" is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "password", "host", "port"})
    void treatsNullAsMissing(String field) {
        var fields = base();
        fields.put(field, null);

        assertRejected(json(fields), "field \"" + field + "\" is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "password", "host", "dbname", "engine"})
    void rejectsATextFieldOfAnotherType(String field) {
        var fields = base();
        fields.put(field, 42);

        assertRejected(json(fields), "field \"" + field + "\" must be a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "password", "host", "dbname"})
    void rejectsABlankTextField(String field) {
        var fields = base();
        fields.put(field, " \t");

        assertRejected(json(fields), "field \"" + field + "\" is blank");
    }

    @Test
    void rejectsANulInThePasswordWithoutShowingIt() {
        var fields = base();
        fields.put("password", "abc\u0000" + PASSWORD);

        assertRejected(json(fields), "field \"password\" contains a NUL character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "5432.5", "true", "\"54a\"", "\"\"", "99999999999", "[5432]"})
    void rejectsAPortOutOfRangeOrOfAnotherType(String port) {
        var text = rdsJson("app", PASSWORD, "localhost", 1, "hexatask").replace("\"port\":1", "\"port\":" + port);

        assertRejected(text, "field \"port\" must be a whole number from 1 to 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"db host", "db/x", "user@db", "db?sslmode=disable", "-db", "db.", "h\u00f4te", ":"})
    void rejectsAHostThatIsNoHostName(String host) {
        var fields = base();
        fields.put("host", host);

        assertRejected(json(fields), "field \"host\" must be a host name or an IP address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.3.17", "localhost", "::1", "fd00:ec2::23", "db-1.cluster-ro-x.rds.amazonaws.com"})
    void acceptsHostNamesAndAddresses(String host) {
        var fields = base();
        fields.put("host", host);

        assertThat(RdsSecretParser.parse(json(fields)).host()).isEqualTo(host);
    }

    @Test
    void rejectsASecretForAnotherEngine() {
        var fields = base();
        fields.put("engine", "mysql");

        assertRejected(json(fields), "field \"engine\" must be \"postgres\"");
    }

    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // The password sits where the parser fails: its error message would quote it.
            "`{\"username\":\"app\",\"password\":Pa55-w0rd_from-the-secret}` | is not valid JSON (line 1, column",
            "`{\"username\":\"app\",\"password\":\"Pa55-w0rd_from-the-secret\"` | is not valid JSON (line 1, column",
            "`{\"password\":\"x\"} Pa55-w0rd_from-the-secret` | is not valid JSON (line 1, column",
            "`Pa55-w0rd_from-the-secret` | is not valid JSON (line 1, column",
            "`[\"Pa55-w0rd_from-the-secret\"]` | is not a JSON object",
            "`\"Pa55-w0rd_from-the-secret\"` | is not a JSON object",
            "`null` | is not a JSON object",
            "`   ` | the secret is empty",
    })
    @ParameterizedTest
    void explainsMalformedJsonWithoutQuotingIt(String text, String reason) {
        assertRejected(text, reason);
    }

    @Test
    void rejectsADuplicatedKeyRatherThanPickingOne() {
        var text = "{\"username\":\"app\",\"password\":\"a\",\"password\":\"" + PASSWORD
                + "\",\"host\":\"localhost\",\"port\":5432}";

        assertRejected(text, "is not valid JSON (line 1, column");
    }

    @Test
    void keepsEveryNaughtyStringAsPasswordAndUsernameExactlyOrRejectsItByName() {
        for (var naughty : NaughtyStrings.all()) {
            var fields = base();
            fields.put("password", naughty);
            fields.put("username", naughty);
            fields.put("dbname", naughty);
            if (naughty.isBlank() || naughty.indexOf('\0') >= 0) {
                var e = catchThrowableOfType(InvalidSecretException.class, () -> RdsSecretParser.parse(json(fields)));
                assertThat(e.getMessage()).startsWith("field \"username\"");
                continue;
            }
            var secret = RdsSecretParser.parse(json(fields));
            assertThat(secret.password()).isEqualTo(naughty);
            assertThat(secret.username()).isEqualTo(naughty);
            assertThat(secret.dbname()).isEqualTo(naughty);
        }
    }

    @Test
    void neverQuotesANaughtyStringGivenAsTheWholeSecretOrAsAHost() {
        for (var naughty : NaughtyStrings.all()) {
            if (naughty.length() < 4) {
                continue;
            }
            for (var text : new String[] {naughty, "{\"password\":" + naughty + "}"}) {
                try {
                    RdsSecretParser.parse(text);
                } catch (InvalidSecretException e) {
                    assertThat(e.getMessage()).doesNotContain(naughty);
                }
            }
            var fields = base();
            fields.put("host", naughty);
            try {
                assertThat(RdsSecretParser.parse(json(fields)).host()).isEqualTo(naughty);
            } catch (InvalidSecretException e) {
                assertThat(e.getMessage()).doesNotContain(naughty).startsWith("field \"host\"");
            }
        }
    }

    private static Map<String, Object> base() {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("username", "app");
        fields.put("password", PASSWORD);
        fields.put("engine", "postgres");
        fields.put("host", "localhost");
        fields.put("port", 5432);
        fields.put("dbname", "hexatask");
        return fields;
    }

    private static void assertRejected(String secretText, String reason) {
        assertThatThrownBy(() -> RdsSecretParser.parse(secretText))
                .isInstanceOf(InvalidSecretException.class)
                .hasMessageContaining(reason)
                .hasNoCause()
                .message().doesNotContain(PASSWORD).doesNotContain("Pa55");
    }
}
