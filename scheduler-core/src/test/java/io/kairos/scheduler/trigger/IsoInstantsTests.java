package io.kairos.scheduler.trigger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link IsoInstants} reads what Kairos writes exactly as {@link Instant#parse} does, and leaves every other text
 * to it.
 */
class IsoInstantsTests {

    @Property(tries = 2000)
    void readsInstantToStringAsInstantParse(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos, @ForAll("precisions") int precision) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos - nanos % precision);
        String text = instant.toString();
        assertThat(IsoInstants.parseStrict(text)).isEqualTo(Instant.parse(text)).isEqualTo(instant);
    }

    @Property(tries = 1000)
    void readsOffsetDateTimesAsInstantParse(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
            @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarterHours) {
        String text = Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.ofTotalSeconds(quarterHours * 900))
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        Instant expected = Instant.parse(text);
        assertThat(IsoInstants.parse(text)).isEqualTo(expected);
        // the form TriggerSpec.formatDateTime writes is read without falling back, for four-digit years (a late
        // instant at a positive offset reaches year +10000, which only Instant.parse reads)
        if (text.charAt(4) == '-') {
            assertThat(IsoInstants.parseStrict(text)).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<Integer> precisions() {
        return Arbitraries.of(1, 1_000, 1_000_000, 1_000_000_000, 100_000_000, 10);
    }

    /** Forms Instant.parse accepts but the fast path leaves to it: same result either way. */
    @ParameterizedTest
    @ValueSource(strings = { "2026-11-24T23:59:60Z", "2026-11-24T24:00:00Z", "2026-11-24t10:30:00Z", "2026-11-24T10:30:00z",
            "+12026-11-24T10:30:00Z", "-0001-01-01T00:00:00Z", "2026-11-24T10:30:00-00:00", "2026-11-24T10:30:00.Z",
            "2026-11-24T10:30:00+01:00:30" })
    void leavesOtherAcceptedFormsToInstantParse(String text) {
        assertThat(IsoInstants.parseStrict(text)).isNull();
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    /** Texts that are no instant: Instant.parse's own error. */
    @ParameterizedTest
    @ValueSource(strings = { "2026-02-30T10:30:00Z", "2026-11-24T10:60:00Z", "2026-11-24T10:30:00+0100", "2026-11-24T10:30:00",
            "2026-11-24T10:30:00.1234567890Z", "2026-11-24T10:30Z", "2026-11-24T10:30:00+19:00", "2026-1a-24T10:30:00Z", "",
            "2026-11-24 10:30:00Z" })
    void rejectsWhatInstantParseRejects(String text) {
        assertThat(IsoInstants.parseStrict(text)).isNull();
        assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class)
                .hasMessageContaining(text.isEmpty() ? "could not be parsed" : text);
    }
}
