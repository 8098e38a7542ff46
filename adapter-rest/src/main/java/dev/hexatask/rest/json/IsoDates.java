package dev.hexatask.rest.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants and dates written exactly as {@link Instant#toString()} and {@link LocalDate#toString()} write them (the
 * ISO-8601 forms Jackson's own serializers give with dates not written as timestamps), straight into the generator
 * instead of through a formatter's intermediate objects and string: a page of tasks has some sixty of them. Years
 * outside 0000-9999, which need a sign or more digits, go through {@code toString} as before.
 */
final class IsoDates {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in seconds since the epoch. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND = 253_402_300_799L;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final int LONGEST_INSTANT = "9999-12-31T23:59:59.123456789Z".length();
    private static final int DATE_LENGTH = "9999-12-31".length();

    private IsoDates() {
    }

    /** The module that writes both; registered after Jackson's time module, so that it takes precedence. */
    static SimpleModule module() {
        return new SimpleModule("IsoDates")
                .addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                    @Override
                    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        char[] text = new char[LONGEST_INSTANT];
                        int length = format(value, text);
                        if (length < 0) {
                            gen.writeString(value.toString());
                        } else {
                            gen.writeString(text, 0, length);
                        }
                    }
                })
                .addSerializer(LocalDate.class, new StdSerializer<>(LocalDate.class) {
                    @Override
                    public void serialize(LocalDate value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        int year = value.getYear();
                        if (year < 0 || year > 9999) {
                            gen.writeString(value.toString());
                            return;
                        }
                        char[] text = new char[DATE_LENGTH];
                        writeDate(text, year, value.getMonthValue(), value.getDayOfMonth());
                        gen.writeString(text, 0, DATE_LENGTH);
                    }
                });
    }

    /**
     * Writes the instant as {@code Instant.toString} would into {@code out} (at least 30 chars); returns the length,
     * or -1 when its year is outside 0000-9999.
     */
    static int format(Instant instant, char[] out) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
            return -1;
        }
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        civilDate(epochDay, out);
        out[10] = 'T';
        twoDigits(out, 11, secondOfDay / 3600);
        out[13] = ':';
        twoDigits(out, 14, secondOfDay / 60 % 60);
        out[16] = ':';
        twoDigits(out, 17, secondOfDay % 60);
        int at = 19;
        int nano = instant.getNano();
        if (nano != 0) {
            // As ISO_INSTANT does: as many digits as needed, in groups of three.
            int digits;
            int fraction;
            if (nano % 1_000_000 == 0) {
                digits = 3;
                fraction = nano / 1_000_000;
            } else if (nano % 1_000 == 0) {
                digits = 6;
                fraction = nano / 1_000;
            } else {
                digits = 9;
                fraction = nano;
            }
            out[at++] = '.';
            for (int i = at + digits - 1; i >= at; i--) {
                out[i] = (char) ('0' + fraction % 10);
                fraction /= 10;
            }
            at += digits;
        }
        out[at++] = 'Z';
        return at;
    }

    /** The proleptic Gregorian date of an epoch day (years 0000-9999) as {@code yyyy-MM-dd} at the start of out. */
    private static void civilDate(long epochDay, char[] out) {
        // Days from 0000-03-01, in 400-year eras, each of which repeats the calendar (H. Hinnant, "civil_from_days").
        long shifted = epochDay + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        writeDate(out, year, month, day);
    }

    private static void writeDate(char[] out, int year, int month, int day) {
        twoDigits(out, 0, year / 100);
        twoDigits(out, 2, year % 100);
        out[4] = '-';
        twoDigits(out, 5, month);
        out[7] = '-';
        twoDigits(out, 8, day);
    }

    private static void twoDigits(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }
}
