package io.kairos.scheduler.trigger;

import static io.kairos.scheduler.trigger.CronSpecs.BERLIN;
import static io.kairos.scheduler.trigger.CronSpecs.NEW_YORK;
import static io.kairos.scheduler.trigger.CronSpecs.at;
import static io.kairos.scheduler.trigger.CronSpecs.cron;
import static io.kairos.scheduler.trigger.CronSpecs.iso;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cron cases of apscheduler-trigger-cases.md (APScheduler 3.x sections 1 and 1.5, 4.x section 7,
 * derived section 11). Times are ISO-8601 with offset; an expected value must match both the instant
 * and the wall clock/offset, in the trigger's zone. Rows where Kairos documents different semantics say
 * so and assert the Kairos result.
 */
class CronTriggerApschedulerCasesTests {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            C01 | year=2009/2;month=1/3;day=5-13        | -                         | 2008-12-01T00:00+01:00 | 2009-01-05T00:00+01:00
            C02 | year=2009/2;month=1/3;day=5-13        | -                         | 2009-10-14T00:00+02:00 | 2011-01-05T00:00+01:00
            C03 | year=2009;month=feb-dec;hour=8-10     | -                         | 2009-01-01T00:00+01:00 | 2009-02-01T08:00+01:00
            C04 | year=2012;month=2;day=last            | -                         | 2012-02-01T00:00+01:00 | 2012-02-29T00:00+01:00
            C05 | year=2009,2008                        | -                         | 2009-01-01T00:00+01:00 | 2009-01-01T00:00+01:00
            C06 | year=2009;month=2;hour=8-10;start_date=2009-02-03 11:00:00 | - | 2009-01-01T00:00+01:00 | 2009-02-04T08:00+01:00
            C07 | day=*                                 | 2015-11-23T00:00+01:00    | 2015-11-26T00:00+01:00 | 2015-11-24T00:00+01:00
            C08 | day=*                                 | 2015-11-23T00:00+01:00    | 2015-11-22T00:00+01:00 | 2015-11-22T00:00+01:00
            C09 | day=*                                 | 2016-04-25T00:00+02:00    | 2016-04-25T00:00+02:00 | 2016-04-26T00:00+02:00
            C10 | year=2009;month=1;day=6-10;day_of_week=2-4 | -                    | 2009-01-01T00:00+01:00 | 2009-01-07T00:00+01:00
            C11 | year=2009;month=1;day=6-10;day_of_week=0,6 | -                    | 2009-01-01T00:00+01:00 | -
            C12 | year=2009;month=1;day=4th wed         | -                         | 2009-01-01T00:00+01:00 | 2009-01-28T00:00+01:00
            C13 | year=2009;month=2;week=8              | -                         | 2009-01-01T00:00+01:00 | 2009-02-16T00:00+01:00
            C14 | year=2009;week=15;day_of_week=2       | -                         | 2009-01-01T00:00+01:00 | 2009-04-08T00:00+02:00
            C15 | day=6,8                               | -                         | 2009-12-31T00:00+01:00 | 2010-01-06T00:00+01:00
            C16 | hour=5-6                              | -                         | 2009-09-25T07:00+02:00 | 2009-09-26T05:00+02:00
            C17 | day=30                                | -                         | 2016-02-01T00:00+01:00 | 2016-03-30T00:00+02:00
            C18 | year=2014;hour=4;end_date=2014-04-13T03:00+02:00 | -              | 2014-04-12T02:30+02:00 | 2014-04-12T04:00+02:00
            C19 | year=2014;hour=4;end_date=2014-04-13T03:00+02:00 | -              | 2014-04-13T02:30+02:00 | -
            C20 | year=2009;week=15;day_of_week=2       | -                         | 2008-12-31T22:00-10:00 | 2009-04-08T00:00+02:00
            C21 | hour=11;minute=*/5;timezone=-05:00    | -                         | 2009-09-26T10:16-06:00 | 2009-09-26T11:20-05:00
            F02 | hour=*/3                              | -                         | 2009-07-01T02:00+02:00 | 2009-07-01T03:00+02:00
            F05 | day=2-9/3                             | -                         | 2009-07-03T00:00+02:00 | 2009-07-05T00:00+02:00
            F09 | day_of_week=TUE-SAT                   | -                         | 2008-02-07T00:00+01:00 | 2008-02-07T00:00+01:00
            F11 | day=2nd wed                           | -                         | 2008-02-01T00:00+01:00 | 2008-02-13T00:00+01:00
            F12 | day=last fri                          | -                         | 2008-02-01T00:00+01:00 | 2008-02-29T00:00+01:00
            D5  | second=*                              | -                         | 2021-01-01T00:00:21.000001+01:00 | 2021-01-01T00:00:22+01:00
            D9  | year=2021;month=2;day=5th mon         | -                         | 2021-01-01T00:00+01:00 | -
            D10 | week=53                               | -                         | 2021-01-05T00:00+01:00 | 2026-12-28T00:00+01:00
            D11 | day=31                                | -                         | 2021-02-01T00:00+01:00 | 2021-03-31T00:00+02:00
            D14 | day=1;minute=20                       | -                         | 2020-01-01T05:30+01:00 | 2020-01-01T06:20+01:00
            """)
    void apscheduler3NextFireTime(String id, String spec, String previous, String now, String expected) {
        CronTrigger trigger = cron(spec, BERLIN);
        Optional<ZonedDateTime> next = trigger.nextFireTime(at(previous), at(now));
        assertThat(next.map(CronSpecs::iso).orElse(null)).as(id).isEqualTo(expected);
        next.ifPresent((time) -> assertThat(time.getZone()).isEqualTo(trigger.timezone()));
    }

    /**
     * 3.x {@code test_dst_change} (US/Eastern). Each row holds for {@code (null, start)},
     * {@code (start, start)} and {@code (start, expected)}.
     */
    @ParameterizedTest(name = "{0}: {1} from {2}")
    @CsvSource(delimiter = '|', textBlock = """
            D-01 | hour=8           | America/New_York | 2013-03-09T12:00-05:00          | 2013-03-10T08:00-04:00
            D-02 | hour=8           | America/New_York | 2013-11-02T12:00-04:00          | 2013-11-03T08:00-05:00
            D-03 | hour=1;minute=30 | America/New_York | 2013-11-03T00:30-04:00          | 2013-11-03T01:30-04:00
            D-04 | hour=1;minute=30 | America/New_York | 2013-11-03T01:30:05-04:00       | 2013-11-04T01:30-05:00
            D-05 | hour=1;minute=30 | America/New_York | 2013-11-03T01:30:05-05:00       | 2013-11-04T01:30-05:00
            D-06 | minute=*/30      | America/New_York | 2013-03-10T01:35-05:00          | 2013-03-10T03:00-04:00
            D-07 | minute=*/30      | America/New_York | 2013-11-03T01:35-04:00          | 2013-11-03T01:00-05:00
            D-08 | minute=30        | Europe/Helsinki  | 2017-10-29T03:30:00.000005+02:00 | 2017-10-29T04:30+02:00
            """)
    void apscheduler3DstChange(String id, String spec, String zone, String start, String expected) {
        // D-04 differs from APScheduler 3 on purpose: with a fixed hour (hour=1) a repeated wall time fires
        // at its first occurrence only, so after 01:30 EDT the next fire is the next day, not 01:30 EST.
        CronTrigger trigger = cron(spec, ZoneId.of(zone));
        ZonedDateTime startTime = at(start);
        assertThat(iso(trigger.nextFireTime(null, startTime).orElseThrow())).as(id).isEqualTo(expected);
        assertThat(iso(trigger.nextFireTime(startTime, startTime).orElseThrow())).as(id).isEqualTo(expected);
        assertThat(iso(trigger.nextFireTime(startTime, at(expected)).orElseThrow())).as(id).isEqualTo(expected);
    }

    /** 4.x stateful {@code next()} sequences (section 7 / 7.1), replayed as (previous, previous) calls. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            N01 | year=2009/2;month=1-4/3;day=5-6 | Europe/Berlin | 2008-12-01T00:00+01:00 | 2009-01-05T00:00+01:00 2009-01-06T00:00+01:00 2009-04-05T00:00+02:00 2009-04-06T00:00+02:00 2011-01-05T00:00+01:00
            N02 | year=2009/2;month=1-3;day=5 | Europe/Berlin | 2009-10-14T00:00+02:00 | 2011-01-05T00:00+01:00 2011-02-05T00:00+01:00 2011-03-05T00:00+01:00 2013-01-05T00:00+01:00
            N03 | year=2009;month=feb-dec;hour=8-9 | Europe/Berlin | 2009-01-01T00:00+01:00 | 2009-02-01T08:00+01:00 2009-02-01T09:00+01:00 2009-02-02T08:00+01:00
            N05 | year=2009;month=1;day=6-10;day_of_week=wed-fri | Europe/Berlin | 2009-01-01T00:00+01:00 | 2009-01-07T00:00+01:00
            N06 | year=2020;month=1;week=1;day_of_week=fri-sun | Europe/Berlin | 2020-01-01T00:00+01:00 | 2020-01-03T00:00+01:00 2020-01-04T00:00+01:00 2020-01-05T00:00+01:00 end
            N07 | year=2020;day=last sun | Europe/Berlin | 2020-01-01T00:00+01:00 | 2020-01-26T00:00+01:00 2020-02-23T00:00+01:00 2020-03-29T00:00+01:00
            N09 | day=30 | Europe/Berlin | 2016-02-01T00:00+01:00 | 2016-03-30T00:00+02:00 2016-04-30T00:00+02:00
            N10 | year=2009;month=1;day=6-10;day_of_week=mon,sun | Europe/Berlin | 2009-01-01T00:00+01:00 | end
            N12 | hour=4;end_date=2014-04-13T04:00 | Europe/Berlin | 2014-04-13T02:00+02:00 | 2014-04-13T04:00+02:00 end
            N13 | year=2009;month=2;week=8 | Europe/Berlin | 2009-01-01T00:00+01:00 | 2009-02-16T00:00+01:00 2009-02-17T00:00+01:00 2009-02-18T00:00+01:00 2009-02-19T00:00+01:00 2009-02-20T00:00+01:00 2009-02-21T00:00+01:00 2009-02-22T00:00+01:00 end
            N14 | year=2009;week=15;day_of_week=wed | Europe/Berlin | 2009-01-01T00:00+01:00 | 2009-04-08T00:00+02:00 end
            N15 | year=2009,2008 | Europe/Berlin | 2009-01-01T00:00+01:00 | 2009-01-01T00:00+01:00 end
            N17 | hour=8 | America/New_York | 2013-03-09T12:00-05:00 | 2013-03-10T08:00-04:00
            N18 | hour=8 | America/New_York | 2013-11-02T12:00-04:00 | 2013-11-03T08:00-05:00
            N19 | minute=*/30 | America/New_York | 2013-03-10T01:35-05:00 | 2013-03-10T03:00-04:00 2013-03-10T03:30-04:00
            N20 | minute=*/30 | America/New_York | 2013-11-03T01:35-04:00 | 2013-11-03T01:00-05:00 2013-11-03T01:30-05:00 2013-11-03T02:00-05:00
            N21 | minute=0 | Europe/Berlin | 2024-10-27T02:00+02:00 | 2024-10-27T02:00+02:00 2024-10-27T02:00+01:00 2024-10-27T03:00+01:00
            N22 | minute=1 | Europe/Berlin | 2024-10-27T02:01+02:00 | 2024-10-27T02:01+02:00 2024-10-27T02:01+01:00 2024-10-27T03:01+01:00
            N23 | hour=11;minute=*/5;start_date=2009-09-26T10:16-05:00 | America/New_York | 2009-09-01T00:00-04:00 | 2009-09-26T11:20-04:00
            R04 | hour=1;minute=0;second=10 | America/New_York | 2025-11-02T01:00:10-04:00 | 2025-11-02T01:00:10-04:00 2025-11-03T01:00:10-05:00
            """)
    void apscheduler4Sequences(String id, String spec, String zone, String start, String expected) {
        // 4.x numbers weekdays from Sunday; the rows above use names or 3.x-compatible numbers only.
        // R04/R05 differ from APScheduler on purpose: hour=1 fires once on the fall-back day (first occurrence).
        CronTrigger trigger = cron(spec, ZoneId.of(zone));
        List<String> expectedTimes = Arrays.asList(expected.trim().split("\\s+"));
        List<String> actual = new ArrayList<>();
        ZonedDateTime previous = null;
        ZonedDateTime now = at(start);
        for (int i = 0; i < expectedTimes.size(); i++) {
            Optional<ZonedDateTime> next = trigger.nextFireTime(previous, now);
            if (next.isEmpty()) {
                actual.add("end");
                break;
            }
            actual.add(iso(next.get()));
            previous = next.get();
            now = next.get();
        }
        assertThat(actual).as(id).containsExactlyElementsOf(expectedTimes);
    }

    /** Derived cases where Kairos deliberately differs from APScheduler 3 (section 11). */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            D1-crontab-0-is-sunday     | expression=0 0 * * 0         | Europe/Berlin    | 2020-05-19T19:53:22+02:00 | 2020-05-24T00:00+02:00
            D1-crontab-sun             | expression=0 0 * * sun       | Europe/Berlin    | 2020-05-19T19:53:22+02:00 | 2020-05-24T00:00+02:00
            D1-crontab-7-is-sunday     | expression=0 0 * * 7         | Europe/Berlin    | 2020-05-19T19:53:22+02:00 | 2020-05-24T00:00+02:00
            D1-crontab-6-is-saturday   | expression=0 0 * * 6         | Europe/Berlin    | 2020-05-19T19:53:22+02:00 | 2020-05-23T00:00+02:00
            D4-gap-fires-shifted       | hour=2                       | America/New_York | 2013-03-09T20:00-05:00    | 2013-03-10T03:00-04:00
            D8a-month-name-step        | month=jan-mar/2              | Europe/Berlin    | 2021-01-02T00:00+01:00    | 2021-03-01T00:00+01:00
            D13-crontab-or             | expression=0 0 13 * fri      | Europe/Berlin    | 2020-01-01T00:00+01:00    | 2020-01-03T00:00+01:00
            D13-fields-and             | day=13;day_of_week=fri       | Europe/Berlin    | 2020-01-01T00:00+01:00    | 2020-03-13T00:00+01:00
            D13-spring-and             | expression=0 0 0 13 * fri    | Europe/Berlin    | 2020-01-01T00:00+01:00    | 2020-03-13T00:00+01:00
            """)
    void derivedDifferences(String id, String spec, String zone, String now, String expected) {
        // D1: APScheduler 3's from_crontab reads 0 as Monday (2020-05-25); crontab and Kairos read it as Sunday.
        // D4: APScheduler 3 returns 02:00-05:00, the same instant as 03:00-04:00; Kairos expresses it in the valid offset.
        // D8a: APScheduler 3 silently drops the step (jan-mar); Kairos honours it (jan, mar).
        // D13: APScheduler ANDs day and day_of_week in from_crontab; a crontab line ORs them (Friday 2020-01-03),
        // while the field form and the Spring dialect AND them (Friday 13th, 2020-03-13).
        CronTrigger trigger = cron(spec, ZoneId.of(zone));
        assertThat(iso(trigger.nextFireTime(null, at(now)).orElseThrow())).as(id).isEqualTo(expected);
    }

    @ParameterizedTest(name = "D12: fall-back day, {0} from {1}")
    @CsvSource(delimiter = '|', textBlock = """
            hour=1;minute=30 | 2013-11-03T00:00-04:00 | 2013-11-03T01:30-04:00 2013-11-04T01:30-05:00
            hour=*;minute=30 | 2013-11-03T00:45-04:00 | 2013-11-03T01:30-04:00 2013-11-03T01:30-05:00
            """)
    void d12RepeatedHourFiresOnceUnlessEveryHour(String spec, String start, String expected) {
        // APScheduler 3 and 4 fire a fixed 01:30 twice on the fall-back day (their issue #120); Kairos fires it once,
        // but keeps both occurrences when the hour field is '*'.
        CronTrigger trigger = cron(spec, NEW_YORK);
        ZonedDateTime first = trigger.nextFireTime(null, at(start)).orElseThrow();
        ZonedDateTime second = trigger.nextFireTime(first, first).orElseThrow();
        assertThat(iso(first) + " " + iso(second)).isEqualTo(expected);
    }
}
