package dev.hexatask.rest.json;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IsoDatesTest {

    /** Formatted at an offset into a larger buffer, as the generator does; the length is checked against length(). */
    private static String format(Instant instant) {
        byte[] out = new byte[40];
        out[2] = '?';
        out[33] = '?';
        int length = IsoDates.format(instant, out, 3);
        if (length < 0) {
            return null;
        }
        assertThat(length).isEqualTo(IsoDates.length(instant));
        assertThat(out[2]).isEqualTo((byte) '?');
        assertThat(out[3 + length]).isIn((byte) 0, (byte) '?');
        return new String(out, 3, length, java.nio.charset.StandardCharsets.US_ASCII);
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

    @Test
    void aWriterBasedGeneratorWritesThemTheSame() {
        Instant instant = Instant.parse("2026-12-06T09:29:08.783030Z");
        LocalDate date = LocalDate.of(2026, 12, 7);
        assertThat(Json.writeString(java.util.Map.of("at", instant))).isEqualTo("{\"at\":\"" + instant + "\"}");
        assertThat(Json.writeString(List.of(date, instant, Instant.EPOCH)))
                .isEqualTo("[\"2026-12-07\",\"2026-12-06T09:29:08.783030Z\",\"1970-01-01T00:00:00Z\"]");
    }
}
