package io.kairos.scheduler.trigger;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * {@link Instant#atZone} without the garbage it makes on Java 17 for fixed offsets: triggers normalise
 * {@code UTC} and {@code Etc/UTC} to {@link ZoneOffset#UTC}, and {@code ZoneOffset.getRules()} builds new rules
 * (with a hash map) on every call before Java 19 (JDK-8283681). The loop converts instants to zones several times
 * per job, so for a fixed offset it builds the date-time directly.
 */
public final class Zones {

    private Zones() {
    }

    /**
     * The instant in the zone, as {@link Instant#atZone}.
     *
     * @param instant the instant, not {@code null}
     * @param zone the zone, not {@code null}
     * @return the same value as {@code instant.atZone(zone)}
     * @throws NullPointerException when an argument is {@code null}
     * @throws java.time.DateTimeException when the instant is outside the range of {@link ZonedDateTime}
     */
    public static ZonedDateTime atZone(Instant instant, ZoneId zone) {
        if (zone instanceof ZoneOffset offset) {
            LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
            return ZonedDateTime.ofLocal(local, offset, null);
        }
        return instant.atZone(zone);
    }
}
