package dev.hexatask.application.port.in;

/**
 * The caller's new preferences, replacing the old ones: a display name ({@code null} for none) and an IANA time
 * zone ({@code null} for UTC).
 */
public record ProfileChanges(String displayName, String timeZone) {
}
