package dev.hexatask.application.port.in;

import java.util.List;

/**
 * A request for a page of the caller's tasks, as the caller sent it (every value is text, or {@code null} when not
 * given); the service checks it and reports every bad parameter.
 *
 * @param statuses  any of TODO, IN_PROGRESS, DONE; empty for all
 * @param tag       a tag the tasks must carry
 * @param dueBefore ISO date: due strictly before it
 * @param dueAfter  ISO date: due strictly after it
 * @param overdue   {@code true} or {@code false}
 * @param text      text the title or description contains, ignoring case (1 to 200 characters)
 * @param sort      {@code created} (default), {@code dueDate} or {@code priority}
 * @param cursor    the {@code nextCursor} of the previous page, for the same filters and sort
 * @param limit     page size, 1 to 100, default 20
 */
public record TaskListRequest(List<String> statuses, String tag, String dueBefore, String dueAfter, String overdue,
                              String text, String sort, String cursor, String limit) {

    public TaskListRequest {
        statuses = statuses == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(statuses));
    }

    /** The first page with every default. */
    public static TaskListRequest firstPage() {
        return new TaskListRequest(List.of(), null, null, null, null, null, null, null, null);
    }

    public TaskListRequest withCursor(String next) {
        return new TaskListRequest(statuses, tag, dueBefore, dueAfter, overdue, text, sort, next, limit);
    }

    public TaskListRequest withLimit(String pageSize) {
        return new TaskListRequest(statuses, tag, dueBefore, dueAfter, overdue, text, sort, cursor, pageSize);
    }
}
