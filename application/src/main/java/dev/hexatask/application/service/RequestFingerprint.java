package dev.hexatask.application.service;

import dev.hexatask.domain.task.TaskDetails;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * A digest of what a create request asks for, after validation: two requests with the same fingerprint create the
 * same task. Each value is length-prefixed, so no two different requests can run together into one text.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(TaskDetails details) {
        StringBuilder canonical = new StringBuilder();
        append(canonical, details.title().value());
        append(canonical, details.description().map(Object::toString).orElse(null));
        append(canonical, details.status().name());
        append(canonical, details.priority().name());
        append(canonical, details.dueDate().map(LocalDate::toString).orElse(null));
        append(canonical, String.join(",", details.tags().names()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void append(StringBuilder canonical, String value) {
        if (value == null) {
            canonical.append("-;");
        } else {
            canonical.append(value.length()).append(':').append(value).append(';');
        }
    }
}
