package dev.hexatask.rest.handlers;

import dev.hexatask.application.port.in.TaskPage;
import dev.hexatask.application.port.out.AuthenticatedUser;
import dev.hexatask.application.port.out.TaskCounts;
import dev.hexatask.domain.task.Description;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.user.DisplayName;
import dev.hexatask.domain.user.UserProfile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON shapes of responses, as the OpenAPI document names them. Absent values are written as {@code null}. */
final class Representations {

    private Representations() {
    }

    record TaskJson(String id, String title, String description, String status, String priority, LocalDate dueDate,
                    List<String> tags, long version, Instant createdAt, Instant updatedAt, Instant completedAt) {

        static TaskJson of(Task task) {
            return new TaskJson(task.id().toString(), task.title().value(),
                    task.description().map(Description::value).orElse(null), task.status().name(),
                    task.priority().name(), task.dueDate().orElse(null), task.tags().names(), task.version(),
                    task.createdAt(), task.updatedAt(), task.completedAt().orElse(null));
        }
    }

    record TaskPageJson(List<TaskJson> items, String nextCursor) {

        static TaskPageJson of(TaskPage page) {
            return new TaskPageJson(page.tasks().stream().map(TaskJson::of).toList(), page.nextCursor().orElse(null));
        }
    }

    record SummaryJson(long todo, long inProgress, long done, long overdue, long total) {

        static SummaryJson of(TaskCounts counts) {
            return new SummaryJson(counts.todo(), counts.inProgress(), counts.done(), counts.overdue(),
                    counts.total());
        }
    }

    record MeJson(String sub, String username, String email, String displayName, String timeZone) {

        static MeJson of(AuthenticatedUser user, UserProfile profile) {
            return new MeJson(user.id().value(), user.username(), user.email().orElse(null),
                    profile.displayName().map(DisplayName::value).orElse(null), profile.timeZone().name());
        }
    }

    record HealthJson(String status, String database) {
    }
}
