package dev.hexatask.rest.handlers;

import dev.hexatask.domain.validation.Violation;
import dev.hexatask.rest.problem.Problem;
import dev.hexatask.rest.problem.ProblemException;

import java.util.List;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} request header. The IETF draft makes it a Structured Field string
 * ({@code Idempotency-Key: "8e03978e-..."}); many clients send the bare key, so both are taken: surrounding quotes
 * are removed (and {@code \"}, {@code \\} unescaped). The core checks the key itself.
 */
final class IdempotencyKeyHeader {

    private IdempotencyKeyHeader() {
    }

    static Optional<String> parse(List<String> fields) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        if (fields.size() > 1) {
            throw new ProblemException(Problem.invalid(List.of(
                    new Violation("Idempotency-Key", "repeated", "must be given at most once"))));
        }
        String value = fields.getFirst().strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return Optional.of(unescape(value.substring(1, value.length() - 1)));
        }
        return Optional.of(value);
    }

    private static String unescape(String quoted) {
        StringBuilder key = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                c = quoted.charAt(++i);
            }
            key.append(c);
        }
        return key.toString();
    }
}
