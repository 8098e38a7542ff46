package dev.hexatask.application.service;

import dev.hexatask.application.port.in.TaskListRequest;
import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.application.port.out.TaskSort;
import dev.hexatask.domain.task.DueDate;
import dev.hexatask.domain.task.Tag;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.validation.DomainValidationException;
import dev.hexatask.domain.validation.Text;
import dev.hexatask.domain.validation.Validation;
import dev.hexatask.domain.validation.Violation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Checks a list request as the caller sent it and turns it into a {@link TaskQuery}; issues next-page cursors. */
final class TaskListQueries {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_TEXT_LENGTH = 200;
    private static final Pattern PAGE_SIZE = Pattern.compile("[1-9][0-9]{0,2}");
    /**
     * SHA-256, copied for each filter hash: {@code MessageDigest.getInstance} searches the providers on every call. The
     * original is never updated, so copying it from many threads at once is safe.
     */
    private static final MessageDigest SHA_256 = sha256();
    private static final Violation INVALID_CURSOR = new Violation("cursor", "invalid_cursor",
            "must be the nextCursor of a page of this list, with the same filters and sort");

    private final CursorCodec cursors;

    TaskListQueries(CursorCodec cursors) {
        this.cursors = cursors;
    }

    /**
     * The query, which asks for one task more than the page holds (to learn whether a next page exists), the page
     * size, and the hash of the filters that a cursor is bound to.
     */
    record Parsed(TaskQuery query, int pageSize, long filterHash) {
    }

    /**
     * @param today the caller's today, asked for only when the request filters on overdue tasks (it costs a profile
     *              lookup, which the plain list does without)
     */
    Parsed parse(UserId caller, TaskListRequest request, Supplier<LocalDate> today) {
        Validation validation = new Validation();
        Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        for (String status : request.statuses()) {
            TaskStatus parsed = validation.check(() -> TaskStatus.parse("status", status));
            if (parsed != null) {
                statuses.add(parsed);
            }
        }
        Optional<Tag> tag = request.tag() == null ? Optional.empty()
                : Optional.ofNullable(validation.check(() -> Tag.of(request.tag())));
        Optional<LocalDate> dueBefore = orEmpty(validation.check(() -> DueDate.parse("dueBefore", request.dueBefore())));
        Optional<LocalDate> dueAfter = orEmpty(validation.check(() -> DueDate.parse("dueAfter", request.dueAfter())));
        Optional<Boolean> overdue = orEmpty(validation.check(() -> parseBoolean("overdue", request.overdue())));
        Optional<String> text = request.text() == null ? Optional.empty()
                : Optional.ofNullable(validation.check(() -> Text.singleLine("q", request.text(), 1, MAX_TEXT_LENGTH)));
        TaskSort sort = validation.check(() -> parseSort(request.sort()));
        Integer pageSize = validation.check(() -> parsePageSize(request.limit()));
        Optional<CursorCodec.Cursor> cursor = request.cursor() == null ? Optional.empty()
                : cursors.decode(caller, request.cursor());
        if (request.cursor() != null && cursor.isEmpty()) {
            validation.add(INVALID_CURSOR);
        }
        validation.throwIfInvalid();

        long filterHash = filterHash(statuses, tag, dueBefore, dueAfter, overdue, text, sort);
        if (cursor.isPresent() && (cursor.get().sort() != sort || cursor.get().filterHash() != filterHash)) {
            throw new DomainValidationException(INVALID_CURSOR);
        }
        Optional<SortPosition> after = cursor.map(CursorCodec.Cursor::position);
        TaskQuery query = new TaskQuery(caller, statuses, tag, dueBefore, dueAfter,
                overdue.map(value -> new TaskQuery.OverdueFilter(value, today.get())), text, sort, after, pageSize + 1);
        return new Parsed(query, pageSize, filterHash);
    }

    String cursorAfter(UserId caller, Parsed parsed, SortPosition last) {
        return cursors.encode(caller, new CursorCodec.Cursor(parsed.query().sort(), parsed.filterHash(), last));
    }

    private static <T> Optional<T> orEmpty(Optional<T> checked) {
        return checked == null ? Optional.empty() : checked;
    }

    private static Optional<Boolean> parseBoolean(String field, String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new DomainValidationException(
                    new Violation(field, "malformed_boolean", "must be true or false"));
        };
    }

    private static TaskSort parseSort(String text) {
        if (text == null) {
            return TaskSort.CREATED;
        }
        return switch (text) {
            case "created" -> TaskSort.CREATED;
            case "dueDate" -> TaskSort.DUE_DATE;
            case "priority" -> TaskSort.PRIORITY;
            default -> throw new DomainValidationException(
                    new Violation("sort", "unknown_value", "must be one of created, dueDate, priority"));
        };
    }

    private static int parsePageSize(String text) {
        if (text == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (!PAGE_SIZE.matcher(text).matches() || Integer.parseInt(text) > MAX_PAGE_SIZE) {
            throw new DomainValidationException(new Violation("limit", "out_of_range",
                    "must be a whole number from 1 to " + MAX_PAGE_SIZE));
        }
        return Integer.parseInt(text);
    }

    private static long filterHash(Set<TaskStatus> statuses, Optional<Tag> tag, Optional<LocalDate> dueBefore,
                                   Optional<LocalDate> dueAfter, Optional<Boolean> overdue, Optional<String> text,
                                   TaskSort sort) {
        StringBuilder canonical = new StringBuilder();
        for (TaskStatus status : new TreeSet<>(statuses)) {
            canonical.append(status.name()).append(',');
        }
        canonical.append('\u0001').append(tag.map(Tag::value).orElse(""))
                .append('\u0001').append(dueBefore.map(LocalDate::toString).orElse(""))
                .append('\u0001').append(dueAfter.map(LocalDate::toString).orElse(""))
                .append('\u0001').append(overdue.map(String::valueOf).orElse(""))
                .append('\u0001').append(text.map(value -> value.length() + ":" + value).orElse(""))
                .append('\u0001').append(sort.name());
        byte[] digest = copyOf(SHA_256).digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static MessageDigest copyOf(MessageDigest original) {
        try {
            return (MessageDigest) original.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }
}
