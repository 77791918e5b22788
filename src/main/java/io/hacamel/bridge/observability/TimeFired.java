package io.hacamel.bridge.observability;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads Home Assistant's {@code time_fired} ({@code 2024-06-01T12:34:56.123456+00:00}) as epoch milliseconds for
 * every event, without allocating: about twenty times cheaper than {@link OffsetDateTime#parse}, which remains the
 * fallback for any other ISO 8601 shape.
 */
final class TimeFired {

    private TimeFired() {
    }

    /** Epoch milliseconds, or -1 when the text is no date-time with an offset. */
    static long epochMillis(String text) {
        long fast = fixedFormat(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:mm)}, or Long.MIN_VALUE for anything else. */
    private static long fixedFormat(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int at = 19;
        int millis = 0;
        if (text.charAt(at) == '.') {
            int digits = 0;
            for (at++; at < length && Character.isDigit(text.charAt(at)); at++, digits++) {
                if (digits < 3) {
                    millis = millis * 10 + text.charAt(at) - '0';
                }
            }
            if (digits == 0) {
                return Long.MIN_VALUE;
            }
            for (; digits < 3; digits++) {
                millis *= 10;
            }
        }
        int offsetMinutes;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offsetMinutes = 0;
        } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int hours = number(text, at + 1, 2);
            int minutes = number(text, at + 4, 2);
            if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
                return Long.MIN_VALUE;
            }
            offsetMinutes = (text.charAt(at) == '-' ? -1 : 1) * (hours * 60 + minutes);
        } else {
            return Long.MIN_VALUE;
        }
        long seconds = daysSinceEpoch(year, month, day) * 86_400 + hour * 3_600L + minute * 60L + second
                - offsetMinutes * 60L;
        return seconds * 1_000 + millis;
    }

    /** The unsigned decimal number in {@code text[from, from + digits)}, or -1. */
    private static int number(String text, int from, int digits) {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    /** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
    private static long daysSinceEpoch(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}
