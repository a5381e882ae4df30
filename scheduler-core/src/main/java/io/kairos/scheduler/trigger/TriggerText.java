package io.kairos.scheduler.trigger;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The text forms APScheduler uses in its triggers' {@code str()}: date-times as
 * {@code 2009-11-06 16:30:05 CET} and durations as Python's {@code timedelta} prints them
 * ({@code 2:00:00}, {@code 1 day, 0:00:00}, {@code 0:00:01.500000}). Package-private helper.
 */
final class TriggerText {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);

    private TriggerText() {
    }

    /**
     * A date-time as APScheduler prints it: wall time and zone abbreviation, no fraction of a second.
     * Fixed offsets print as Python does ({@code UTC}, {@code UTC+01:00}).
     */
    static String dateTime(ZonedDateTime dateTime) {
        String zone;
        if (dateTime.getZone() instanceof ZoneOffset offset) {
            zone = offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
        }
        else {
            zone = ZONE_NAME.format(dateTime);
        }
        return DATE_TIME.format(dateTime) + " " + zone;
    }

    /** A duration as Python's {@code str(timedelta)}: {@code [D day[s], ]H:MM:SS[.ffffff]}. */
    static String timedelta(Duration duration) {
        long days = duration.toDays();
        Duration rest = duration.minusDays(days);
        StringBuilder out = new StringBuilder();
        if (days != 0) {
            out.append(days).append(days == 1 ? " day, " : " days, ");
        }
        out.append(rest.toHours()).append(':')
                .append(String.format(Locale.ROOT, "%02d:%02d", rest.toMinutesPart(), rest.toSecondsPart()));
        int micros = rest.toNanosPart() / 1000;
        if (micros != 0) {
            out.append(String.format(Locale.ROOT, ".%06d", micros));
        }
        return out.toString();
    }
}
