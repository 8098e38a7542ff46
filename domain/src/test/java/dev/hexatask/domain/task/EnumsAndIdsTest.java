package dev.hexatask.domain.task;

import dev.hexatask.domain.validation.DomainValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnumsAndIdsTest {

    @Test
    void statusesParseByExactName() {
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(TaskStatus.parse("status", status.name())).isEqualTo(status);
        }
        assertThat(TaskStatus.TODO.isOpen()).isTrue();
        assertThat(TaskStatus.IN_PROGRESS.isOpen()).isTrue();
        assertThat(TaskStatus.DONE.isOpen()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"todo", "Done", "", " TODO", "CLOSED"})
    void otherStatusNamesAreRefusedNamingTheField(String name) {
        assertThatThrownBy(() -> TaskStatus.parse("status", name))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("status");
                    assertThat(e.violations().getFirst().rule()).isEqualTo("unknown_value");
                    assertThat(e.violations().getFirst().message()).isEqualTo("must be one of TODO, IN_PROGRESS, DONE");
                });
        assertThatThrownBy(() -> TaskStatus.parse("status", null))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("required"));
    }

    @Test
    void prioritiesParseAndRankLowToHigh() {
        assertThat(Priority.parse("LOW").rank()).isZero();
        assertThat(Priority.parse("MEDIUM").rank()).isEqualTo(1);
        assertThat(Priority.parse("HIGH").rank()).isEqualTo(2);
        assertThat(Priority.DEFAULT).isEqualTo(Priority.MEDIUM);
        for (Priority priority : Priority.values()) {
            assertThat(Priority.fromRank(priority.rank())).isEqualTo(priority);
        }
        assertThatThrownBy(() -> Priority.fromRank(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Priority.fromRank(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherPriorityNamesAreRefused() {
        assertThatThrownBy(() -> Priority.parse("high"))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("priority");
                    assertThat(e.violations().getFirst().rule()).isEqualTo("unknown_value");
                });
        assertThatThrownBy(() -> Priority.parse(null))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("required"));
    }

    @Test
    void taskIdsParseTheCanonicalForm() {
        UUID uuid = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
        assertThat(TaskId.parse("01890a5d-ac96-774b-bcce-b302099a8057")).isEqualTo(TaskId.of(uuid));
        assertThat(TaskId.parse("01890A5D-AC96-774B-BCCE-B302099A8057").value()).isEqualTo(uuid);
        assertThat(TaskId.of(uuid).toString()).isEqualTo("01890a5d-ac96-774b-bcce-b302099a8057");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1-1-1-1-1", "01890a5d-ac96-774b-bcce-b302099a805", "../etc/passwd",
            "01890a5d-ac96-774b-bcce-b302099a8057 ", "%2e%2e", "01890a5dac96774bbcceb302099a8057",
            "g1890a5d-ac96-774b-bcce-b302099a8057"})
    void taskIdsRefuseEverythingElse(String text) {
        assertThatThrownBy(() -> TaskId.parse(text))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("id");
                    assertThat(e.violations().getFirst().rule()).isEqualTo("malformed_id");
                });
        assertThatThrownBy(() -> TaskId.parse(null)).isInstanceOf(DomainValidationException.class);
    }

    @Test
    void dueDatesParseIsoDatesWithinRange() {
        assertThat(DueDate.parse("dueDate", "2026-12-31")).contains(LocalDate.of(2026, 12, 31));
        assertThat(DueDate.parse("dueDate", null)).isEmpty();
        assertThat(DueDate.parse("dueDate", "1900-01-01")).contains(DueDate.MIN);
        assertThat(DueDate.parse("dueDate", "9999-12-31")).contains(DueDate.MAX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01", "2026-02-30", "31/12/2026", "", "2026-12-31T10:00:00Z", "tomorrow"})
    void dueDatesRefuseMalformedText(String text) {
        assertThatThrownBy(() -> DueDate.parse("dueBefore", text))
                .isInstanceOfSatisfying(DomainValidationException.class, e -> {
                    assertThat(e.violations().getFirst().field()).isEqualTo("dueBefore");
                    assertThat(e.violations().getFirst().rule()).isEqualTo("malformed_date");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1899-12-31", "+10000-01-01", "-0001-01-01"})
    void dueDatesRefuseDatesOutOfRange(String text) {
        assertThatThrownBy(() -> DueDate.parse("dueDate", text))
                .isInstanceOfSatisfying(DomainValidationException.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("out_of_range"));
    }
}
