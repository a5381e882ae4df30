package io.kairos.scheduler.trigger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ZonesTests {

    @ParameterizedTest
    @ValueSource(strings = { "Z", "+05:30", "-09:00", "Europe/Berlin", "America/New_York", "Etc/UTC" })
    void sameAsInstantAtZone(String zoneText) {
        ZoneId zone = ZoneId.of(zoneText);
        for (Instant instant : new Instant[] { Instant.parse("2026-03-29T00:59:59.999999999Z"), Instant.parse("2026-03-29T01:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2400-02-29T12:00:00Z") }) {
            assertThat(Zones.atZone(instant, zone)).isEqualTo(instant.atZone(zone));
            assertThat(Zones.atZone(instant, zone.normalized())).isEqualTo(instant.atZone(zone.normalized()));
        }
        assertThat(Zones.atZone(Instant.EPOCH, ZoneOffset.UTC).getZone()).isSameAs(ZoneOffset.UTC);
    }
}
