package dev.hexatask.application.port;

import dev.hexatask.application.port.in.FieldChange;
import dev.hexatask.application.port.in.Result;
import dev.hexatask.application.port.out.DatabaseCredentials;
import dev.hexatask.application.port.out.TaskCounts;
import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.application.port.out.TaskSort;
import dev.hexatask.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortValuesTest {

    @Test
    void credentialsNeverShowThePassword() {
        DatabaseCredentials.Credentials credentials = new DatabaseCredentials.Credentials("app", "s3cr3t-Pa55");
        assertThat(credentials.toString()).isEqualTo("Credentials[username=app, password=****]")
                .doesNotContain("s3cr3t");
    }

    @Test
    void countsAddUpAndStayConsistent() {
        assertThat(new TaskCounts(3, 2, 5, 4).total()).isEqualTo(10);
        assertThatThrownBy(() -> new TaskCounts(1, 1, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskCounts(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TaskCounts(1, 1, 9, 2).overdue()).isEqualTo(2);
    }

    @Test
    void aQueryAsksForAtLeastOneTask() {
        TaskQuery all = TaskQuery.all(UserId.of("alice"), 1);
        assertThat(all.limit()).isEqualTo(1);
        assertThat(all.sort()).isEqualTo(TaskSort.CREATED);
        assertThat(all.statuses()).isEmpty();
        assertThat(all.after()).isEmpty();
        assertThatThrownBy(() -> TaskQuery.all(UserId.of("alice"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldChangesKeepOrSet() {
        assertThat(FieldChange.<String>keep().apply("old", value -> value + "!")).isEqualTo("old");
        assertThat(FieldChange.to("new").apply("old", value -> value + "!")).isEqualTo("new!");
        assertThat(FieldChange.<String>to(null).apply("old", value -> String.valueOf(value))).isEqualTo("null");
    }

    @Test
    void anInvalidResultListsItsViolations() {
        assertThatThrownBy(() -> Result.invalid(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Result.notFound()).isEqualTo(new Result.NotFound<>());
        assertThatThrownBy(() -> new Result.VersionConflict<>(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Result.VersionConflict<>(1).currentVersion()).isEqualTo(1);
    }
}
