package dev.hexatask.rest.json;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IsoDatesTest {

    private static String format(Instant instant) {
        char[] out = new char[30];
        int length = IsoDates.format(instant, out);
        return length < 0 ? null : new String(out, 0, length);
    }

    @Test
    void everyDayOfYearsZeroToNineThousandNineHundredNinetyNineIsWrittenAsInstantToStringWritesIt() {
        long first = LocalDate.of(0, 1, 1).toEpochDay();
        long last = LocalDate.of(9999, 12, 31).toEpochDay();
        int[] nanos = {0, 1, 7_000, 120_000_000, 999_999_999, 5_000_000, 783_030_000, 123_456_789};
        for (long day = first; day <= last; day++) {
            int i = (int) Math.floorMod(day, nanos.length);
            Instant instant = Instant.ofEpochSecond(day * 86_400 + Math.floorMod(day * 7_919, 86_400), nanos[i]);
            String expected = instant.toString();
            String actual = format(instant);
            if (!expected.equals(actual)) {
                assertThat(actual).as("day %d", day).isEqualTo(expected);
            }
        }
    }

    @Test
    void randomInstantsInRangeMatchAndOutOfRangeOnesAreLeftToToString() {
        Random random = new Random(12);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 260_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            int year = instant.atOffset(java.time.ZoneOffset.UTC).getYear();
            if (year >= 0 && year <= 9999) {
                assertThat(format(instant)).isEqualTo(instant.toString());
            } else {
                assertThat(format(instant)).as(instant.toString()).isNull();
            }
        }
    }

    @Test
    void theEdgesOfTheFastRange() {
        for (Instant instant : List.of(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("2000-02-29T12:00:00.000001Z"),
                Instant.parse("1900-03-01T00:00:00.100Z"))) {
            assertThat(format(instant)).isEqualTo(instant.toString());
        }
        assertThat(format(Instant.parse("-0001-12-31T23:59:59Z"))).isNull();
        assertThat(format(Instant.parse("+10000-01-01T00:00:00Z"))).isNull();
    }

    @Test
    void jsonWritesInstantsAndDatesAsTheirToStringInEveryYear() {
        for (Instant instant : List.of(Instant.parse("2026-12-06T09:29:08.783030Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00.5Z"), Instant.MIN, Instant.MAX)) {
            assertThat(new String(Json.write(List.of(instant)))).isEqualTo("[\"" + instant + "\"]");
        }
        for (LocalDate date : List.of(LocalDate.of(2026, 2, 28), LocalDate.of(0, 1, 1), LocalDate.of(9999, 12, 31),
                LocalDate.of(-1, 6, 1), LocalDate.of(10_000, 1, 1), LocalDate.MIN, LocalDate.MAX)) {
            assertThat(new String(Json.write(List.of(date)))).isEqualTo("[\"" + date + "\"]");
        }
    }
}
