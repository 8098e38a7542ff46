package dev.hexatask.secrets;

/**
 * The secret's text is not a usable database secret. The message names the field and the reason and never holds
 * any part of the secret, so it may be logged; no cause is kept because a parser's message may quote the input.
 */
final class InvalidSecretException extends RuntimeException {

    InvalidSecretException(String message) {
        super(message, null, false, false);
    }
}
