package dev.hexatask.rest.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants and dates written exactly as {@link Instant#toString()} and {@link LocalDate#toString()} write them (the
 * ISO-8601 forms Jackson's own serializers give with dates not written as timestamps), straight into the generator's
 * buffer instead of through a formatter's intermediate objects and string: a page of tasks has some sixty of them. Years
 * outside 0000-9999, which need a sign or more digits, go through {@code toString} as before.
 */
final class IsoDates {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in seconds since the epoch. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND = 253_402_300_799L;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final int DATE_LENGTH = "9999-12-31".length();
    private static final int SECONDS_LENGTH = "9999-12-31T23:59:59".length();

    private IsoDates() {
    }

    /** The module that writes both; registered after Jackson's time module, so that it takes precedence. */
    static SimpleModule module() {
        return new SimpleModule("IsoDates")
                .addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                    @Override
                    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        long seconds = value.getEpochSecond();
                        if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
                            gen.writeString(value.toString());
                        } else {
                            gen.writeString(new Text(value, null));
                        }
                    }
                })
                .addSerializer(LocalDate.class, new StdSerializer<>(LocalDate.class) {
                    @Override
                    public void serialize(LocalDate value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        if (value.getYear() < 0 || value.getYear() > 9999) {
                            gen.writeString(value.toString());
                        } else {
                            gen.writeString(new Text(null, value));
                        }
                    }
                });
    }

    /**
     * Writes the instant as {@code Instant.toString} would into {@code out} from {@code at} (ASCII, at most 30
     * bytes); returns the length, or -1 when its year is outside 0000-9999.
     */
    static int format(Instant instant, byte[] out, int at) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
            return -1;
        }
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        civilDate(epochDay, out, at);
        out[at + 10] = 'T';
        twoDigits(out, at + 11, secondOfDay / 3600);
        out[at + 13] = ':';
        twoDigits(out, at + 14, secondOfDay / 60 % 60);
        out[at + 16] = ':';
        twoDigits(out, at + 17, secondOfDay % 60);
        int end = at + SECONDS_LENGTH;
        int nano = instant.getNano();
        int digits = fractionDigits(nano);
        if (digits > 0) {
            int fraction = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
            out[end++] = '.';
            for (int i = end + digits - 1; i >= end; i--) {
                out[i] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
            end += digits;
        }
        out[end++] = 'Z';
        return end - at;
    }

    /** The length {@link #format} writes for an instant in range. */
    static int length(Instant instant) {
        int digits = fractionDigits(instant.getNano());
        return SECONDS_LENGTH + (digits > 0 ? 1 + digits : 0) + 1;
    }

    /** As ISO_INSTANT prints a fraction: none, or as many digits as needed in groups of three. */
    private static int fractionDigits(int nano) {
        if (nano == 0) {
            return 0;
        }
        return nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
    }

    /** The proleptic Gregorian date of an epoch day (years 0000-9999) as {@code yyyy-MM-dd} from {@code at}. */
    private static void civilDate(long epochDay, byte[] out, int at) {
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
        writeDate(out, at, year, month, day);
    }

    private static void writeDate(byte[] out, int at, int year, int month, int day) {
        twoDigits(out, at, year / 100);
        twoDigits(out, at + 2, year % 100);
        out[at + 4] = '-';
        twoDigits(out, at + 5, month);
        out[at + 7] = '-';
        twoDigits(out, at + 8, day);
    }

    private static void twoDigits(byte[] out, int at, int value) {
        out[at] = (byte) ('0' + value / 10);
        out[at + 1] = (byte) ('0' + value % 10);
    }

    /**
     * An instant or a date (years 0000-9999) as text that Jackson's UTF-8 generator copies straight into its output
     * buffer ({@link #appendQuotedUTF8}): no array or string per value. ISO-8601 text is ASCII and needs no escaping,
     * so quoted and unquoted forms are the same. The other forms, for other generators, go through a string.
     */
    private record Text(Instant instant, LocalDate date) implements SerializableString {

        private int length() {
            return instant != null ? IsoDates.length(instant) : DATE_LENGTH;
        }

        private int writeTo(byte[] out, int at) {
            if (instant != null) {
                return format(instant, out, at);
            }
            writeDate(out, at, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
            return DATE_LENGTH;
        }

        private byte[] bytes() {
            byte[] bytes = new byte[length()];
            writeTo(bytes, 0);
            return bytes;
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return buffer.length - offset < length() ? -1 : writeTo(buffer, offset);
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            return appendQuotedUTF8(buffer, offset);
        }

        @Override
        public String getValue() {
            return new String(bytes(), StandardCharsets.US_ASCII);
        }

        @Override
        public int charLength() {
            return length();
        }

        @Override
        public char[] asQuotedChars() {
            return getValue().toCharArray();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return bytes();
        }

        @Override
        public byte[] asQuotedUTF8() {
            return bytes();
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return appendUnquoted(buffer, offset);
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String value = getValue();
            if (buffer.length - offset < value.length()) {
                return -1;
            }
            value.getChars(0, value.length(), buffer, offset);
            return value.length();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return writeUnquotedUTF8(out);
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            byte[] bytes = bytes();
            out.write(bytes);
            return bytes.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            return putUnquotedUTF8(buffer);
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            byte[] bytes = bytes();
            if (buffer.remaining() < bytes.length) {
                return -1;
            }
            buffer.put(bytes);
            return bytes.length;
        }
    }
}
