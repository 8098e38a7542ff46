package dev.hexatask.rest.contract;

import java.util.Optional;

/**
 * A user the environment made up for one test, and what {@code GET /me} must then say about them.
 *
 * @param authorization the whole {@code Authorization} header value, e.g. {@code Bearer eyJ...}
 */
public record ContractUser(String sub, String username, Optional<String> email, String authorization) {
}
