package dev.hexatask.application.port.in;

import java.util.List;

/**
 * The fields of a task to create, as the caller sent them; the service checks every rule and reports all broken
 * ones. Only {@code title} is required: status defaults to TODO, priority to MEDIUM.
 *
 * @param dueDate ISO-8601 date such as {@code 2026-12-31}
 */
public record NewTask(String title, String description, String status, String priority, String dueDate,
                      List<String> tags) {

    public NewTask {
        tags = tags == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tags));
    }

    public static NewTask titled(String title) {
        return new NewTask(title, null, null, null, null, List.of());
    }
}
