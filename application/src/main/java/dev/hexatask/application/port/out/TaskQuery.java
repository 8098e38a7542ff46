package dev.hexatask.application.port.out;

import dev.hexatask.domain.task.Tag;
import dev.hexatask.domain.task.TaskStatus;
import dev.hexatask.domain.user.UserId;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated request for one page of a user's tasks. Every filter narrows the list; all of them together must
 * hold.
 *
 * @param owner     whose tasks
 * @param statuses  tasks in any of these statuses; empty means every status
 * @param tag       tasks carrying this tag
 * @param dueBefore tasks due strictly before this day
 * @param dueAfter  tasks due strictly after this day
 * @param overdue   only overdue tasks ({@code true}) or only tasks that are not ({@code false}), as of its day
 * @param text      tasks whose title or description contains this text, ignoring case; characters such as
 *                  {@code %} and {@code _} are matched literally
 * @param sort      the order
 * @param after     continue strictly after this position in {@code sort}'s order
 * @param limit     at most this many tasks
 */
public record TaskQuery(UserId owner, Set<TaskStatus> statuses, Optional<Tag> tag, Optional<LocalDate> dueBefore,
                        Optional<LocalDate> dueAfter, Optional<OverdueFilter> overdue, Optional<String> text,
                        TaskSort sort, Optional<SortPosition> after, int limit) {

    public TaskQuery {
        Objects.requireNonNull(owner, "owner");
        statuses = Set.copyOf(statuses);
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(dueBefore, "dueBefore");
        Objects.requireNonNull(dueAfter, "dueAfter");
        Objects.requireNonNull(overdue, "overdue");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(after, "after");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** All of a user's tasks, newest first, up to {@code limit}. */
    public static TaskQuery all(UserId owner, int limit) {
        return new TaskQuery(owner, Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), TaskSort.CREATED, Optional.empty(), limit);
    }

    /**
     * The filter on overdue tasks.
     *
     * @param overdue true for only overdue tasks, false for only tasks that are not overdue
     * @param today   the user's today: a task is overdue when it is open and due before this day
     */
    public record OverdueFilter(boolean overdue, LocalDate today) {

        public OverdueFilter {
            Objects.requireNonNull(today, "today");
        }
    }
}
