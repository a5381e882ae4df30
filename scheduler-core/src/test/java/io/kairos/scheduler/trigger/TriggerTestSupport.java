package io.kairos.scheduler.trigger;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Zones and date-time shorthands shared by the trigger tests ({@code [B]} and {@code [E]} of the case file). */
final class TriggerTestSupport {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static final ZoneId EASTERN = ZoneId.of("US/Eastern");

    private TriggerTestSupport() {
    }

    /** A wall time such as {@code 2009-07-06T00:00} in Berlin (earlier offset when ambiguous). */
    static ZonedDateTime berlin(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), BERLIN);
    }

    /** A wall time in US/Eastern (earlier offset when ambiguous). */
    static ZonedDateTime eastern(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), EASTERN);
    }

    /** An ISO-8601 date-time with offset, or {@code null} for the text "None". */
    static ZonedDateTime iso(String text) {
        return text == null || text.equals("None") ? null : ZonedDateTime.parse(text);
    }

    /** A clock stopped at the given instant. */
    static InstantSource clockAt(ZonedDateTime time) {
        return InstantSource.fixed(time.toInstant());
    }

    /** A clock stopped at the given instant. */
    static InstantSource clockAt(Instant time) {
        return InstantSource.fixed(time);
    }
}
