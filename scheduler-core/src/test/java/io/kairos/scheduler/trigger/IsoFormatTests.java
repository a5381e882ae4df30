package io.kairos.scheduler.trigger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IsoFormat} writes exactly what the JDK writes: {@link Instant#toString()} and
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, over random instants of every year with every kind of fraction, at
 * zones with whole-minute, negative and seconds offsets, and at the edges of its own range.
 */
class IsoFormatTests {

    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Paris"), ZoneId.of("America/St_Johns"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Europe/Amsterdam"), ZoneOffset.ofHoursMinutes(-9, -30),
            ZoneOffset.ofTotalSeconds(-44 * 60 - 30), ZoneOffset.ofHours(18), ZoneOffset.ofHours(-18));

    @Test
    void writesWhatTheJdkWritesForRandomInstants() {
        SplittableRandom random = new SplittableRandom(21);
        long from = LocalDate.of(-2, 1, 1).toEpochDay() * 86_400;
        long to = LocalDate.of(10_001, 12, 31).toEpochDay() * 86_400;
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), nanos(random));
            assertThat(IsoFormat.instant(instant)).isEqualTo(instant.toString());
            ZonedDateTime dateTime = instant.atZone(ZONES.get(random.nextInt(ZONES.size())));
            assertThat(IsoFormat.offsetDateTime(dateTime)).as(dateTime.toString())
                    .isEqualTo(dateTime.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
    }

    @Test
    void writesTheEdgesOfItsRangeAndBeyondAsTheJdkDoes() {
        for (String text : List.of("0000-01-01T00:00:00Z", "-0001-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.9Z", "2026-12-07T03:34:09.100Z",
                "2026-12-07T03:34:09.000100Z", "2026-12-07T03:34:09.000000001Z")) {
            Instant instant = Instant.parse(text);
            assertThat(IsoFormat.instant(instant)).isEqualTo(instant.toString());
            for (ZoneId zone : ZONES) {
                ZonedDateTime dateTime = instant.atZone(zone);
                assertThat(IsoFormat.offsetDateTime(dateTime)).as(dateTime.toString())
                        .isEqualTo(dateTime.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            }
        }
    }

    // no fraction, milliseconds, microseconds or nanoseconds, a quarter each
    private static int nanos(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
    }
}
