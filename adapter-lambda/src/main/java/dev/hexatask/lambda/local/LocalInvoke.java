package dev.hexatask.lambda.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hexatask.lambda.ApiComponent;
import dev.hexatask.lambda.ApiHandler;
import dev.hexatask.lambda.LambdaSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/dev invoke <event.json>}: runs the real API handler in this process on a proxy event, against the
 * running local stack's database and OIDC provider, and prints the response event, like {@code sam local invoke}
 * without Docker. Logs go to standard error, the response event to standard output.
 */
public final class LocalInvoke {

    private LocalInvoke() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("LOG_TARGET", "System.err");
        if (args.length != 1) {
            System.err.println("usage: bin/dev invoke <event.json>   (make one with: bin/dev event GET /tasks)");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            System.err.println("No such event file: " + file);
            System.exit(2);
        }
        System.out.println(invoke(file, LocalStack.read()));
    }

    /** The response event, as JSON, of the API handler wired to this stack for the event in this file. */
    static String invoke(Path eventFile, LocalStack stack) throws IOException {
        ObjectMapper json = mapper();
        APIGatewayProxyRequestEvent event = json.readValue(eventFile.toFile(), APIGatewayProxyRequestEvent.class);
        LambdaSettings settings = LambdaSettings.fromEnvironment(stack.functionEnvironment());
        ApiComponent component = ApiComponent.create(settings);
        try {
            APIGatewayProxyResponseEvent response = new ApiHandler(component.restApi()::get, settings.rest())
                    .handleRequest(event, new LocalContext());
            return json.writeValueAsString(response);
        } finally {
            component.persistence().get().close();
        }
    }

    /** Reads and writes events in the Lambda runtime's JSON shape (the events' bean property names). */
    static ObjectMapper mapper() {
        return new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
