package io.kairos.scheduler.trigger;

import static io.kairos.scheduler.trigger.CronSpecs.BERLIN;
import static io.kairos.scheduler.trigger.CronSpecs.at;
import static io.kairos.scheduler.trigger.CronSpecs.cron;
import static io.kairos.scheduler.trigger.CronSpecs.iso;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The string-form dialects, text forms, spec round trips and jitter of {@link CronTrigger}. */
class CronTriggerFormsTests {

    private static final ZoneId UTC = ZoneOffset.UTC;

    /** From Saturday 2024-06-01 00:00:01 UTC. */
    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            0 0 0 L * *          | 2024-06-30T00:00Z
            0 0 0 L-3 * *        | 2024-06-27T00:00Z
            0 0 0 1W * *         | 2024-06-03T00:00Z
            0 0 0 15W * *        | 2024-06-14T00:00Z
            0 0 0 LW * *         | 2024-06-28T00:00Z
            0 0 0 31W * *        | 2024-07-31T00:00Z
            0 0 0 * * 5L         | 2024-06-28T00:00Z
            0 0 0 * * THUL       | 2024-06-27T00:00Z
            0 0 0 ? * 5#2        | 2024-06-14T00:00Z
            0 0 0 ? * MON#1      | 2024-06-03T00:00Z
            0 0 0 13 * FRI       | 2024-09-13T00:00Z
            0 0 0 * * 0          | 2024-06-02T00:00Z
            0 0 0 * * 7          | 2024-06-02T00:00Z
            0 0 0 * * SUN-MON    | 2024-06-02T00:00Z
            0 0 0 * * */2        | 2024-06-02T00:00Z
            0 0 9-17 * * MON-FRI | 2024-06-03T09:00Z
            */10 * * * * *       | 2024-06-01T00:00:10Z
            10 * * * * *         | 2024-06-01T00:00:10Z
            0 0 0 25 12 ?        | 2024-12-25T00:00Z
            """)
    void springDialect(String expression, String expected) {
        // Spring's CronExpression ANDs day and day_of_week ('0 0 0 13 * FRI' = Friday the 13th) and its '*' for
        // day_of_week spans 1-7 (mon-sun), so '*/2' = mon, wed, fri, sun.
        CronTrigger trigger = CronTrigger.ofExpression(expression, UTC);
        assertThat(iso(trigger.nextFireTime(null, at("2024-06-01T00:00:01Z")).orElseThrow())).isEqualTo(expected);
    }

    @Test
    void springNearestWeekdayStaysInTheMonth() {
        // 2024-03-31 is a Sunday: Kairos moves 31W back to Friday the 29th (Quartz's rule); Spring would give April 1st.
        CronTrigger trigger = CronTrigger.ofExpression("0 0 0 31W * *", UTC);
        assertThat(iso(trigger.nextFireTime(null, at("2024-03-01T00:00Z")).orElseThrow())).isEqualTo("2024-03-29T00:00Z");
    }

    /** From Saturday 2024-06-01 00:00:01 UTC. */
    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            * * * * *            | 2024-06-01T00:01Z
            */5 * * * *          | 2024-06-01T00:05Z
            0 0 1-15 may-aug *   | 2024-06-02T00:00Z
            0 0 13 * fri         | 2024-06-07T00:00Z
            0 0 13 * 5           | 2024-06-07T00:00Z
            0 0 */2 * fri        | 2024-06-07T00:00Z
            0 0 13 * *           | 2024-06-13T00:00Z
            0 0 * * 0            | 2024-06-02T00:00Z
            0 0 * * 7            | 2024-06-02T00:00Z
            0 0 * * 1-5          | 2024-06-03T00:00Z
            0 0 * * 0-3          | 2024-06-02T00:00Z
            0 0 * * 6-7          | 2024-06-02T00:00Z
            0 0 * * */2          | 2024-06-02T00:00Z
            0-14 * 14-28 jul fri | 2024-07-05T00:00Z
            @yearly              | 2025-01-01T00:00Z
            @annually            | 2025-01-01T00:00Z
            @monthly             | 2024-07-01T00:00Z
            @weekly              | 2024-06-02T00:00Z
            @daily               | 2024-06-02T00:00Z
            @midnight            | 2024-06-02T00:00Z
            @HOURLY              | 2024-06-01T01:00Z
            """)
    void crontabDialect(String expression, String expected) {
        // POSIX/Vixie semantics, unlike APScheduler 3's from_crontab: 0 and 7 are Sunday, and a day matches if
        // day OR day_of_week matches when both are restricted ('0 0 13 * fri' fires on Friday 7th already).
        // A field starting with '*' counts as unrestricted ('*/2' in day), as in Vixie cron.
        CronTrigger trigger = CronTrigger.ofExpression(expression, UTC);
        ZonedDateTime now = at("2024-06-01T00:00:01Z");
        assertThat(iso(trigger.nextFireTime(null, now).orElseThrow())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            year=2009/2;month=1/3;day=5-13                 | cron[year='2009/2', month='1/3', day='5-13']
            year=2009;month=feb-dec;hour=8-10              | cron[year='2009', month='feb-dec', hour='8-10']
            year=2009;month=2;hour=0                       | cron[year='2009', month='2', hour='0']
            year=2009,2008                                 | cron[year='2009,2008']
            year=2009;month=2;hour=8-10;start_date=2009-02-03 11:00:00 | cron[year='2009', month='2', hour='8-10']
            day_of_week=2-4;year=2009;month=1;day=6-10     | cron[year='2009', month='1', day='6-10', day_of_week='2-4']
            year=2009;month=1;day=4th wed                  | cron[year='2009', month='1', day='4th wed']
            year=2009;month=2;week=8                       | cron[year='2009', month='2', week='8']
            day=1-2, 4-7                                   | cron[day='1-2,4-7']
            day_of_week=WED                                | cron[day_of_week='wed']
            day_of_week=TUE-SAT                            | cron[day_of_week='tue-sat']
            month=6-8,11-12;day=3rd fri;hour=0-3           | cron[month='6-8,11-12', day='3rd fri', hour='0-3']
            dayOfWeek=mon-fri;hour=5;minute=30;end_date=2014-05-30 | cron[day_of_week='mon-fri', hour='5', minute='30']
            expression=*/5 * * * *                         | cron['*/5 * * * *']
            """)
    void toStringLikeApscheduler(String spec, String expected) {
        assertThat(cron(spec, BERLIN)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            year=2009/2;month=1/3;day=5-13
            month=6-8,11-12;day=3rd fri;hour=0-3;jitter=5
            day_of_week=mon-fri;hour=5;minute=30;end_date=2014-05-30;jitter=2.5
            hour=1;start_date=2024-10-27 02:30:00;end_date=2025-10-26T02:30:00+01:00;timezone=Europe/Berlin
            expression=  0 0 13 *  fri ;timezone=America/New_York
            expression=0 0 0 ? * MON#1;start_date=2024-01-01
            second=*;timezone=+05:30
            minute=*/15;timezone=UTC
            """)
    void toSpecRoundTripsToAnEqualTrigger(String spec) {
        CronTrigger trigger = cron(spec, BERLIN);
        Map<String, Object> written = trigger.toSpec();
        CronTrigger read = CronTrigger.fromSpec(written, ZoneId.of("Asia/Tokyo"));
        assertThat(read).isEqualTo(trigger).hasSameHashCodeAs(trigger);
        assertThat(read.toSpec()).isEqualTo(written);
        assertThat(written).containsEntry("type", "cron").containsKey("timezone");
        ZonedDateTime now = at("2024-03-01T00:00Z");
        assertThat(read.nextFireTime(null, now)).isEqualTo(trigger.nextFireTime(null, now));
    }

    @Test
    void toSpecShowsGivenFieldsDatesZoneAndJitter() {
        CronTrigger trigger = cron("hour=5;day_of_week=MON-FRI;start_date=2024-01-01;jitter=2.5", BERLIN);
        assertThat(trigger.toSpec()).containsExactly(Map.entry("type", "cron"), Map.entry("day_of_week", "mon-fri"),
                Map.entry("hour", "5"), Map.entry("start_date", "2024-01-01T00:00:00+01:00"), Map.entry("timezone", "Europe/Berlin"),
                Map.entry("jitter", new java.math.BigDecimal("2.5")));
        assertThat(cron("hour=5;jitter=5", BERLIN).toSpec()).containsEntry("jitter", 5L);
    }

    @Test
    void equalityIsOnTheNormalisedDefinition() {
        assertThat(cron("hour=5", BERLIN)).isEqualTo(CronTrigger.fromSpec(Map.of("hour", 5), BERLIN));
        assertThat(cron("day=1-2, 4-7", BERLIN)).isEqualTo(cron("day=1-2,4-7", BERLIN));
        assertThat(cron("minute=05-09/02;hour=00", BERLIN)).isEqualTo(cron("minute=5-9/2;hour=0", BERLIN))
            .hasToString("cron[hour='0', minute='5-9/2']");
        assertThat(cron("expression=0 0 * * SUN", BERLIN)).isEqualTo(cron("expression= 0  0 * * sun ", BERLIN));
        assertThat(cron("hour=5", BERLIN)).isNotEqualTo(cron("hour=5", UTC));
        assertThat(cron("hour=5", BERLIN)).isNotEqualTo(cron("hour=5;jitter=1", BERLIN));
        assertThat(cron("hour=5", BERLIN)).isNotEqualTo(cron("hour=6", BERLIN));
        assertThat(cron("expression=0 5 * * *", BERLIN)).isNotEqualTo(cron("hour=5", BERLIN));
    }

    @Test
    void datesWithoutOffsetAreReadInTheTriggerZone() {
        // C22: naive start/end dates are localised in the trigger's zone (here the default zone, Europe/Berlin).
        CronTrigger trigger = cron("start_date=2016-11-05 05:06:53;end_date=2017-11-05 05:11:32", BERLIN);
        assertThat(trigger.startDate().map(CronSpecs::iso)).contains("2016-11-05T05:06:53+01:00");
        assertThat(trigger.endDate().map(CronSpecs::iso)).contains("2017-11-05T05:11:32+01:00");
        assertThat(trigger.timezone()).isEqualTo(BERLIN);
        assertThat(trigger.fields()).isEmpty();
        assertThat(trigger.expression()).isEmpty();
        assertThat(cron("expression= 0 0 * * 0 ", BERLIN).expression()).contains("0 0 * * 0");
        assertThat(cron("hour=8-10;year=2009", BERLIN).fields()).containsExactly(Map.entry("year", "2009"), Map.entry("hour", "8-10"));
    }

    @Test
    void noFieldsFiresEverySecondAsApscheduler3() {
        CronTrigger trigger = CronTrigger.fromSpec(Map.of(), UTC);
        assertThat(trigger).hasToString("cron[]");
        assertThat(iso(trigger.nextFireTime(null, at("2024-06-01T00:00:00.5Z")).orElseThrow())).isEqualTo("2024-06-01T00:00:01Z");
    }

    @Test
    void startDateWinsOverAnEarlierPreviousFireTime() {
        CronTrigger trigger = cron("minute=0;start_date=2024-06-01T12:00:00Z", UTC);
        assertThat(iso(trigger.nextFireTime(at("2024-06-01T08:00Z"), at("2024-06-01T09:00Z")).orElseThrow()))
            .isEqualTo("2024-06-01T12:00Z");
    }

    @Test
    void jitterIsExposedNotApplied() {
        // J01 / J07: the trigger stays deterministic; the scheduler applies Jitter within [0, jitter], never past end_date.
        CronTrigger trigger = cron("minute=*;jitter=5;end_date=2017-11-12T06:56:03+01:00", BERLIN);
        ZonedDateTime now = at("2017-11-12T06:55:30+01:00");
        ZonedDateTime next = trigger.nextFireTime(null, now).orElseThrow();
        assertThat(iso(next)).isEqualTo("2017-11-12T06:56+01:00");
        assertThat(trigger.nextFireTime(null, now)).contains(next);
        assertThat(trigger.jitter()).isEqualTo(Duration.ofSeconds(5));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            ZonedDateTime jittered = Jitter.apply(trigger, next, random);
            assertThat(jittered).isBetween(next, trigger.endDate().orElseThrow());
        }
        assertThat(trigger.nextFireTime(next, next)).isEqualTo(Optional.empty());
    }

    @Test
    void zoneIdUtcAndZoneOffsetUtcGiveEqualTriggersThatRoundTrip() {
        CronTrigger region = Triggers.cron("0 12 * * *", ZoneId.of("UTC"));
        assertThat(region).isEqualTo(Triggers.cron("0 12 * * *", ZoneOffset.UTC));
        assertThat(Triggers.fromSpec(region.toSpec(), BERLIN)).isEqualTo(region);
    }
}
