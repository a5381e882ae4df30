package io.kairos.scheduler.trigger;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: compact cron specs ({@code "year=2009/2;month=1/3"}) and ISO times. */
final class CronSpecs {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private CronSpecs() {
    }

    static Map<String, Object> spec(String compact) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (compact == null || compact.isBlank()) {
            return spec;
        }
        for (String pair : compact.split(";")) {
            int eq = pair.indexOf('=');
            spec.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        return spec;
    }

    static CronTrigger cron(String compact, ZoneId zone) {
        return CronTrigger.fromSpec(spec(compact), zone);
    }

    static ZonedDateTime at(String iso) {
        return (iso == null || iso.isBlank()) ? null : OffsetDateTime.parse(iso).toZonedDateTime();
    }

    static String iso(ZonedDateTime time) {
        return time == null ? null : time.toOffsetDateTime().toString();
    }
}
