package dev.hexatask.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader refuses what the gateway could not enforce, rather than deploying an edge laxer than the contract. */
class OpenApiDocumentTest {

    private static final String DOCUMENT = """
            openapi: 3.1.0
            security:
              - bearer: []
            paths:
              /things/{id}:
                parameters:
                  - name: id
                    in: path
                    required: true
                put:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          $ref: '#/components/schemas/Thing'
                options:
                  security: []
              /health:
                get:
                  security: []
            components:
              headers:
                Access-Control-Expose-Headers:
                  schema:
                    const: ETag, X-Request-Id
              schemas:
                Thing:
                  type: object
                  additionalProperties: false
                  properties:
                    name:
                      %s
            """;

    @TempDir
    Path folder;

    @Test
    void readsOperationsSecurityParametersAndModels() throws IOException {
        var document = read(DOCUMENT.formatted("type: string"));
        assertThat(document.operations()).extracting(OpenApiDocument.Operation::key)
                .containsExactly("PUT /things/{id}", "GET /health");
        var put = document.operations().getFirst();
        assertThat(put.authenticated()).isTrue();
        assertThat(put.parameters()).containsExactly(new OpenApiDocument.Parameter("path", "id", true));
        assertThat(put.requestBodies()).singleElement().satisfies(body -> {
            assertThat(body.mediaType()).isEqualTo("application/json");
            assertThat(body.schemaName()).isEqualTo("Thing");
        });
        assertThat(document.operations().get(1).authenticated()).isFalse();
        assertThat(document.corsExposedHeaders()).containsExactly("ETag", "X-Request-Id");
    }

    @Test
    void aKeywordTheGatewayCannotEnforceStopsTheSynthesis() throws IOException {
        assertThatThrownBy(() -> read(DOCUMENT.formatted("type: string\n          dependentRequired: {}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dependentRequired");
    }

    @Test
    void anInlineBodySchemaIsRefusedBecauseAModelNeedsAName() throws IOException {
        var inline = DOCUMENT.replace("$ref: '#/components/schemas/Thing'", "type: object")
                .formatted("type: string");
        assertThatThrownBy(() -> read(inline))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("named component");
    }

    private OpenApiDocument read(String yaml) throws IOException {
        var file = folder.resolve("openapi.yaml");
        Files.writeString(file, yaml);
        return OpenApiDocument.read(file);
    }
}
