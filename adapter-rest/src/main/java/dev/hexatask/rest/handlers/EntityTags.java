package dev.hexatask.rest.handlers;

import dev.hexatask.application.port.in.ExpectedVersion;
import dev.hexatask.domain.validation.Violation;
import dev.hexatask.rest.problem.Problem;
import dev.hexatask.rest.problem.ProblemException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entity tags of tasks: the strong tag {@code "<version>"}. The version changes with every change of the task and
 * never repeats, so it identifies the representation exactly. {@code If-Match} uses the strong comparison
 * (RFC 9110, section 13.1.1): a weak tag never matches.
 */
public final class EntityTags {

    private static final Pattern ENTITY_TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7e\\x80-\\xff]*)\"\\s*");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private EntityTags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Parses every {@code If-Match} field of the request: empty without one, {@code *} as any version, a list as the
     * versions of its strong tags (none when every tag is weak or not one of ours, so nothing matches). A malformed
     * field is a 400 naming the header. Whether the task is at an accepted version is the use case's to decide.
     */
    public static Optional<ExpectedVersion> ifMatch(List<String> fields) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        String joined = String.join(",", fields).strip();
        if (joined.equals("*")) {
            return Optional.of(ExpectedVersion.any());
        }
        Set<Long> versions = new LinkedHashSet<>();
        for (String element : splitList(joined)) {
            Matcher matcher = ENTITY_TAG.matcher(element);
            if (!matcher.matches()) {
                throw new ProblemException(Problem.invalid(List.of(new Violation("If-Match", "malformed",
                        "must be * or a list of entity tags such as \"3\""))));
            }
            if (matcher.group(1) == null) {
                parseVersion(matcher.group(2)).ifPresent(versions::add);
            }
        }
        return Optional.of(new ExpectedVersion.OneOf(versions));
    }

    private static List<String> splitList(String list) {
        return List.of(list.split(",", -1));
    }

    private static Optional<Long> parseVersion(String opaque) {
        return VERSION.matcher(opaque).matches() ? Optional.of(Long.parseLong(opaque)) : Optional.empty();
    }
}
