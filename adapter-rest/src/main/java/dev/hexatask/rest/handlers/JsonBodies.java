package dev.hexatask.rest.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.json.BodyShapeException;
import dev.hexatask.rest.json.Json;
import dev.hexatask.rest.json.JsonObjectFields;
import dev.hexatask.rest.json.MalformedJsonException;
import dev.hexatask.rest.problem.Problem;
import dev.hexatask.rest.problem.ProblemException;
import dev.hexatask.rest.problem.ProblemType;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a request's JSON object body: size, media type, encoding and syntax are checked before any member. */
final class JsonBodies {

    /** 64 KiB: ten times the largest valid task, and small enough to parse without a second thought. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    static final Set<String> JSON = Set.of("application/json");
    static final Set<String> JSON_OR_MERGE_PATCH = Set.of("application/json", "application/merge-patch+json");

    private JsonBodies() {
    }

    static JsonObjectFields read(HttpRequest request, Set<String> mediaTypes, Set<String> writable,
                                 Set<String> serverOwned) {
        if (request.bodyLength() > MAX_BODY_BYTES) {
            throw new ProblemException(Problem.of(ProblemType.BODY_TOO_LARGE,
                    "The request body must be at most " + MAX_BODY_BYTES + " bytes."));
        }
        checkContentType(request.headers().all("Content-Type"), mediaTypes);
        try {
            JsonNode body = Json.readStrict(request.body());
            return JsonObjectFields.of(body, writable, serverOwned);
        } catch (MalformedJsonException | BodyShapeException e) {
            throw new ProblemException(Problem.of(ProblemType.MALFORMED_BODY, e.getMessage()));
        }
    }

    /** One Content-Type of an accepted media type, with no parameter but an optional {@code charset=utf-8}. */
    private static void checkContentType(List<String> values, Set<String> mediaTypes) {
        if (values.size() != 1) {
            throw unsupported(mediaTypes);
        }
        String[] parts = values.getFirst().split(";", -1);
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaTypes.contains(mediaType)) {
            throw unsupported(mediaTypes);
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (!parameter.equals("charset=utf-8") && !parameter.equals("charset=\"utf-8\"")) {
                throw unsupported(mediaTypes);
            }
        }
    }

    private static ProblemException unsupported(Set<String> mediaTypes) {
        String accepted = String.join(" or ", mediaTypes.stream().sorted().toList());
        return new ProblemException(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "The request body must be sent with Content-Type " + accepted + " (charset utf-8, if given)."));
    }
}
