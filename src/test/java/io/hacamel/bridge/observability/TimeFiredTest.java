package io.hacamel.bridge.observability;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick reading of time_fired agrees with the JDK's, and what it cannot read falls back or fails cleanly. */
class TimeFiredTest {

    @Property(tries = 2000)
    void agreesWithTheJdkOnHomeAssistantsFormat(@ForAll @LongRange(min = -2_000_000_000_000L, max = 8_000_000_000_000L)
            long epochMillis, @ForAll @IntRange(min = 0, max = 999) int micros,
            @ForAll @IntRange(min = -14 * 4, max = 14 * 4) int quarterHours, @ForAll @IntRange(min = 0, max = 4)
            int shape) {
        Instant instant = Instant.ofEpochMilli(epochMillis).plusNanos(micros * 1_000L);
        OffsetDateTime time = instant.atOffset(ZoneOffset.ofTotalSeconds(quarterHours * 15 * 60));
        String pattern = switch (shape) {
            case 0 -> "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx";
            case 1 -> "yyyy-MM-dd'T'HH:mm:ss.SSSxxx";
            case 2 -> "yyyy-MM-dd'T'HH:mm:ssxxx";
            case 3 -> "yyyy-MM-dd'T'HH:mm:ss.SXXX";
            default -> "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX";
        };
        String text = DateTimeFormatter.ofPattern(pattern).format(time);

        assertThat(TimeFired.epochMillis(text)).as(text)
                .isEqualTo(OffsetDateTime.parse(text).toInstant().toEpochMilli());
    }

    @Test
    void readsTheTranscriptsTimesAndFallsBackOrFailsOnOthers() {
        assertThat(TimeFired.epochMillis("2023-06-17T10:15:30.123456+00:00")).isEqualTo(1_686_996_930_123L);
        assertThat(TimeFired.epochMillis("2024-02-29T23:59:59.999-05:30")).isEqualTo(
                OffsetDateTime.parse("2024-02-29T23:59:59.999-05:30").toInstant().toEpochMilli());
        assertThat(TimeFired.epochMillis("2023-06-17T10:15+00:00")).isEqualTo(1_686_996_900_000L);
        for (String bad : new String[] {"", "yesterday", "2023-06-17T10:15:30", "2023-13-17T10:15:30+00:00",
                "2023-06-17T10:15:30.123+0000", "2023-06-17 10:15:30+00:00"}) {
            assertThat(TimeFired.epochMillis(bad)).as(bad).isEqualTo(-1);
        }
    }
}
